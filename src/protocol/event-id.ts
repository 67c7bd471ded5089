const TOKEN = /(\d+)|(\D+)/g;

/**
 * Orders event ids the way the backend allocates them: digit runs compare as
 * numbers, so `sevt_12_3` < `sevt_12_10` < `sevt_13_1`. Opaque fixed-width ids
 * (ULID-like) still compare correctly, as plain strings.
 */
export function compareEventIds(a: string, b: string): number {
  if (a === b) return 0;
  const ta = a.match(TOKEN) ?? [];
  const tb = b.match(TOKEN) ?? [];
  const n = Math.min(ta.length, tb.length);
  for (let i = 0; i < n; i++) {
    const x = ta[i] as string;
    const y = tb[i] as string;
    if (x === y) continue;
    const xd = isDigits(x);
    const yd = isDigits(y);
    if (xd && yd) {
      const xs = x.replace(/^0+(?=\d)/, "");
      const ys = y.replace(/^0+(?=\d)/, "");
      if (xs.length !== ys.length) return xs.length - ys.length;
      if (xs !== ys) return xs < ys ? -1 : 1;
      continue;
    }
    return x < y ? -1 : 1;
  }
  if (ta.length !== tb.length) return ta.length - tb.length;
  return a < b ? -1 : 1;
}

function isDigits(s: string): boolean {
  const c = s.charCodeAt(0);
  return c >= 48 && c <= 57;
}

export function maxEventId(a: string | null, b: string): string {
  return a === null || compareEventIds(b, a) > 0 ? b : a;
}
