/** Levels of the markdown syntax tree rendered as elements; anything deeper is shown as its source text. */
export const MAX_TREE_DEPTH = 40;

/** The little of an mdast node this plugin reads (kept local so the package's types don't depend on mdast). */
interface MdNode {
  type: string;
  value?: unknown;
  children?: MdNode[];
  position?: { start?: { offset?: number | undefined }; end?: { offset?: number | undefined } } | undefined;
}

/** Nodes whose children must keep their type (a list holds items, a table rows, a row cells). */
const STRUCTURAL = new Set(["root", "list", "table", "tableRow"]);

/**
 * remark plugin: replaces the children of any node deeper than `MAX_TREE_DEPTH` with one text node
 * holding their markdown source. Inline markup nests without bound (`*a *a *a … a* a* a*`), and
 * turning the tree into elements, and React rendering it, recurse once per level: thousands of
 * levels overflow the stack and unmount the page. Walks with an explicit stack, so it can't.
 */
export function remarkFlattenDeep(): (tree: MdNode, file: { value?: unknown }) => void {
  return (tree, file) => {
    const source = typeof file.value === "string" ? file.value : null;
    const stack: [MdNode, number][] = [[tree, 0]];
    while (stack.length > 0) {
      const [node, depth] = stack.pop() as [MdNode, number];
      const children = node.children;
      if (!children || children.length === 0) continue;
      if (depth >= MAX_TREE_DEPTH && !STRUCTURAL.has(node.type)) {
        node.children = [{ type: "text", value: sourceOf(node, source) }];
        continue;
      }
      for (const child of children) stack.push([child, depth + 1]);
    }
  };
}

/** The node's children as the model wrote them, or their text when positions are missing. */
function sourceOf(node: MdNode, source: string | null): string {
  const children = node.children ?? [];
  const from = children[0]?.position?.start?.offset;
  const to = children[children.length - 1]?.position?.end?.offset;
  if (source !== null && typeof from === "number" && typeof to === "number" && from <= to) {
    return source.slice(from, to);
  }
  let out = "";
  const stack: MdNode[] = [...children].reverse();
  while (stack.length > 0) {
    const next = stack.pop() as MdNode;
    if (typeof next.value === "string") out += next.value;
    if (next.children) for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i] as MdNode);
  }
  return out;
}
