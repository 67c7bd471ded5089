import remarkGfm from "remark-gfm";
import { mayHoldGfm } from "./gfm-candidates";

/** The little of an mdast node this plugin reads. */
interface MdNode {
  type: string;
  value?: unknown;
  alt?: unknown;
  children?: MdNode[];
}

/** The little of a unified processor this plugin uses: a copy of it, with GFM added, to parse again. */
interface Processor {
  (): { use(plugin: typeof remarkGfm): { parse(file: unknown): MdNode } };
}

/**
 * remark plugin, for a block whose only GFM candidates are in link destinations (see `mayHoldGfmOutsideLinks`),
 * parsed with CommonMark alone: keeps that tree when none of its text could hold a GFM construct, which is the
 * same tree GFM gives, at about half the cost. Otherwise (a link that did not parse as one, a candidate an escape
 * hid) it parses the block again with GFM, so the result is always GFM's.
 */
export function remarkGfmIfNeeded(this: Processor): (tree: MdNode, file: unknown) => MdNode | undefined {
  return (tree, file) => (textMayHoldGfm(tree) ? this().use(remarkGfm).parse(file) : undefined);
}

/** Whether any text of the tree (an image's description included) holds a GFM candidate. */
function textMayHoldGfm(tree: MdNode): boolean {
  const stack = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as MdNode;
    if (node.type === "text" && typeof node.value === "string" && mayHoldGfm(node.value)) return true;
    if (typeof node.alt === "string" && mayHoldGfm(node.alt)) return true;
    for (const child of node.children ?? []) stack.push(child);
  }
  return false;
}
