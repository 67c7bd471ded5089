/** Field readers for decoding untrusted JSON: each returns a value of the promised type or throws `Invalid`. */

export type Raw = Record<string, unknown>;

/**
 * Thrown by the readers when a field can't be made safe; `decodeEvent` turns it into a skipped event. The
 * field that identifies the event or that the panel must read is missing (absent or unusable) or invalid
 * (present with a shape the panel can't use). Codes, not sentences: the views word them through labels.
 */
// Not an Error: nothing reads its stack, and `decodeEvent` catches every one.
export class Invalid {
  constructor(
    readonly code: "missing-field" | "invalid-field",
    /** The protocol field, as named on the wire (`event.id`, `delta.content.text`). */
    readonly field: string,
  ) {}
}

export { isRecord } from "./is-record";

/**
 * An id the fold can key plain objects with: a non-empty string that is not the name of an
 * `Object.prototype` member (`__proto__`, `constructor`, …), which would read or replace the prototype.
 */
export function isSafeId(v: unknown): v is string {
  return typeof v === "string" && v !== "" && !(v in Object.prototype);
}

export function requireId(v: Raw, field: string): string {
  const id = v[field];
  if (!isSafeId(id)) throw new Invalid("missing-field", field);
  return id;
}

export function requireString(v: Raw, field: string): string {
  const s = v[field];
  if (typeof s !== "string") throw new Invalid("missing-field", field);
  return s;
}

/** Text where text is shown: numbers and booleans as written, anything else empty. */
export function text(v: unknown): string {
  if (typeof v === "string") return v;
  return typeof v === "number" || typeof v === "boolean" ? String(v) : "";
}

export function stringOrNull(v: unknown): string | null {
  return typeof v === "string" ? v : null;
}

export function count(v: unknown): number {
  return typeof v === "number" && Number.isFinite(v) ? v : 0;
}

/** `T` with its `undefined`-able fields optional and never `undefined`. */
export type Defined<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/** Copies `v` without the fields whose value is `undefined`, so optional fields stay absent. */
export function defined<T extends object>(v: T): Defined<T> {
  // Spread, not assignment: an own `__proto__` key (JSON.parse makes one) stays a plain key.
  const out: Record<string, unknown> = { ...(v as Record<string, unknown>) };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as Defined<T>;
}
