/**
 * What a GFM autolink literal needs in its text: `http://`, `https://` or `www.` for a URL, `@` for an email
 * (`mailto:` and `xmpp:` ones too). A superset: a block without any of these has no autolink literal.
 */
export const AUTOLINK_LITERAL_CANDIDATE = /:\/\/|www\.|@/i;

/** The little of a processor and of an mdast-util-from-markdown extension this plugin touches. */
interface FromMarkdownExtension {
  enter?: Record<string, unknown>;
  transforms?: unknown[];
}
type Extensions = (FromMarkdownExtension | Extensions)[];

/**
 * remark plugin, after remark-gfm: drops GFM's autolink-literal pass, which walks every text node of the tree
 * with several regular expressions. Used only for a block that holds no `AUTOLINK_LITERAL_CANDIDATE`, where that
 * pass finds nothing: the tree is the same without it, and a growing table no longer pays for it on every delta.
 */
export function remarkSkipAutolinkLiterals(this: { data(): object }): void {
  const extensions = (this.data() as { fromMarkdownExtensions?: Extensions }).fromMarkdownExtensions;
  if (extensions) withoutAutolinkTransforms(extensions);
}

function withoutAutolinkTransforms(extensions: Extensions): void {
  extensions.forEach((extension, i) => {
    if (Array.isArray(extension)) withoutAutolinkTransforms(extension);
    else if (extension.enter && "literalAutolink" in extension.enter && extension.transforms) {
      extensions[i] = { ...extension, transforms: [] };
    }
  });
}
