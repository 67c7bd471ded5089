const TABLE_ROW = /^ {0,3}\|/;

/**
 * Where a long reply is cut for display: at `limit`, unless that falls inside a table. A table is
 * then shown whole when it ends within `tableLimit` (its own view shows the first rows and a
 * **Show all** that must mean all), else the cut moves to just before it. Otherwise the cut moves
 * back to the start of the line it falls in, so no row or word is shown half.
 */
export function displayCut(text: string, limit: number, tableLimit = limit * 5): number {
  if (text.length <= limit) return text.length;
  const lineStart = text.lastIndexOf("\n", limit - 1) + 1;
  if (!TABLE_ROW.test(lineAt(text, lineStart))) return lineStart > 0 ? lineStart : limit;
  let start = lineStart;
  while (start > 0) {
    const previous = text.lastIndexOf("\n", start - 2) + 1;
    if (!TABLE_ROW.test(lineAt(text, previous))) break;
    start = previous;
  }
  let end = lineStart;
  while (end < text.length && end <= tableLimit && TABLE_ROW.test(lineAt(text, end))) {
    const next = text.indexOf("\n", end);
    end = next === -1 ? text.length : next + 1;
  }
  if (end <= tableLimit) return end;
  return start > 0 ? start : lineStart > 0 ? lineStart : limit;
}

function lineAt(text: string, start: number): string {
  const end = text.indexOf("\n", start);
  return text.slice(start, end === -1 ? text.length : end);
}
