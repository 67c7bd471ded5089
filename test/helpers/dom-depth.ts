/** Deepest element below `root` (its children are depth 1). Iterative, so it can measure any DOM. */
export function domDepth(root: Element): number {
  let max = 0;
  const stack: [Element, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [el, depth] = stack.pop() as [Element, number];
    if (depth > max) max = depth;
    for (const child of Array.from(el.children)) stack.push([child, depth + 1]);
  }
  return max;
}
