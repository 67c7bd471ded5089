import { isJsonObject, stringifyJson } from "../../protocol/exact-json";

export const ELLIPSIS = "…";

/**
 * JSON of a value cut at about `max` characters. Stops walking once the budget is spent, so a
 * huge nested value costs no more than a small one: table cells may hold whole documents.
 */
export function compactJson(value: unknown, max: number): { text: string; truncated: boolean } {
  const out: string[] = [];
  let used = 0;
  const emit = (s: string): boolean => {
    out.push(s);
    used += s.length;
    return used <= max;
  };
  const walk = (v: unknown): boolean => {
    if (Array.isArray(v)) {
      if (!emit("[")) return false;
      for (let i = 0; i < v.length; i++) {
        if ((i > 0 && !emit(",")) || !walk(v[i])) return false;
      }
      return emit("]");
    }
    if (isJsonObject(v)) {
      if (!emit("{")) return false;
      let first = true;
      for (const key in v) {
        if (v[key] === undefined) continue;
        if ((!first && !emit(",")) || !emit(`${JSON.stringify(key)}:`) || !walk(v[key])) return false;
        first = false;
      }
      return emit("}");
    }
    const s = stringifyJson(v);
    return emit(s === undefined ? "null" : s.length > max ? s.slice(0, max + 1) : s);
  };
  const complete = walk(value);
  const text = out.join("");
  return complete ? { text, truncated: false } : { text: text.slice(0, max - 1) + ELLIPSIS, truncated: true };
}
