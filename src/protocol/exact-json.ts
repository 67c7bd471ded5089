import { parse as parseLossless, stringify as stringifyLossless } from "lossless-json";
import { isRecord } from "./is-record";

/**
 * An integer from the wire that a double cannot hold (trace and span ids such as 1311768467463790321).
 * Arithmetic, comparisons and a host's `JSON.stringify` see the nearest double, exactly as they
 * would have after `JSON.parse`, so code that treats it as a number keeps working; `String()`,
 * `stringifyJson` and every view of the panel show the exact digits.
 */
export class ExactInteger {
  // Private, so the value has no own keys: code that walks objects sees nothing to walk.
  readonly #digits: string;

  constructor(digits: string) {
    if (!INTEGER.test(digits)) throw new TypeError(`Not an integer: ${digits.slice(0, 40)}`);
    this.#digits = digits;
  }

  /** The integer as written on the wire. */
  get digits(): string {
    return this.#digits;
  }

  toString(): string {
    return this.#digits;
  }

  valueOf(): number {
    return Number(this.#digits);
  }

  toJSON(): number {
    return Number(this.#digits);
  }
}

/** An integer as JSON writes it (no leading zeros), so the digits can be written back as they are. */
const INTEGER = /^-?(?:0|[1-9]\d*)$/;

/** The exact reading of one number literal: an `ExactInteger` only where a double would round. */
function parseNumber(text: string): number | ExactInteger {
  const n = Number(text);
  return INTEGER.test(text) && !Number.isSafeInteger(n) ? new ExactInteger(text) : n;
}

const QUOTE = 34;
const BACKSLASH = 92;
const DIGIT_0 = 48;
const DIGIT_9 = 57;

/**
 * Whether a number literal of 16 or more digits stands outside the strings of `text`. Without one
 * no integer can exceed 2^53 (9007199254740992 has 16 digits), so the native parser is exact; ids
 * inside strings (a tool result's JSON text, say) don't count. Strings are skipped with `indexOf`.
 */
export function mayHoldBigInteger(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = closingQuote(text, i);
      if (i < 0) return false; // not JSON: the native parser will say so
      run = 0;
    } else if (c >= DIGIT_0 && c <= DIGIT_9) {
      if (++run >= 16) return true;
    } else {
      run = 0;
    }
  }
  return false;
}

/** Index of the quote closing the JSON string opened at `open`; -1 if it never closes. */
export function closingQuote(text: string, open: number): number {
  let end = text.indexOf('"', open + 1);
  while (end > 0) {
    let slashes = 0;
    while (text.charCodeAt(end - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return -1;
}

/** The third argument engines with JSON.parse source text access give a reviver. */
interface ReviverContext {
  source?: string;
}

/**
 * A reviver for engines whose `JSON.parse` passes each number's source text: the native parser
 * then keeps big integers exact by itself, several times faster than a parser written in JS.
 */
export function reviveExact(_key: string, value: unknown, context?: ReviverContext): unknown {
  return typeof value === "number" && !Number.isSafeInteger(value) && typeof context?.source === "string"
    ? parseNumber(context.source)
    : value;
}

const nativeSourceAccess: boolean = (() => {
  let seen = false;
  const probe = (_key: string, value: unknown, context?: ReviverContext) => {
    seen ||= context?.source === "1";
    return value;
  };
  JSON.parse("1", probe as (key: string, value: unknown) => unknown);
  return seen;
})();

/**
 * `JSON.parse`, except that integers beyond ±(2^53 − 1) become `ExactInteger`s. Everything else is
 * what `JSON.parse` returns (a duplicate key keeps its last value, `__proto__` is an own key), and
 * text `JSON.parse` rejects throws the same way.
 */
export function parseJson(text: string): unknown {
  if (!mayHoldBigInteger(text)) return JSON.parse(text) as unknown;
  if (nativeSourceAccess) return JSON.parse(text, reviveExact as (key: string, value: unknown) => unknown) as unknown;
  try {
    return parseLossless(text, null, { parseNumber, onDuplicateKey: ({ newValue }) => newValue });
  } catch {
    // Never reject what the native parser accepts: fall back to its (rounded) reading.
    return JSON.parse(text) as unknown;
  }
}

const EXACT_STRINGIFIERS = [
  { test: (v: unknown) => v instanceof ExactInteger, stringify: (v: unknown) => (v as ExactInteger).digits },
];

/** Thrown from the replacer: the value holds an exact integer and this engine has no `JSON.rawJSON`. */
const NEEDS_EXACT_WRITER = new Error("exact integer");

type RawJson = (text: string) => unknown;

/**
 * `JSON.stringify` that prints `ExactInteger`s (and bigints) with all their digits. The native writer
 * does the work (with `JSON.rawJSON` for the digits where the engine has it); only a value that holds
 * an exact integer, on an engine without it, goes to the JS writer, which is several times slower.
 */
export function stringifyJson(value: unknown, space?: number): string | undefined {
  const rawJson = (JSON as { rawJSON?: RawJson }).rawJSON;
  try {
    return JSON.stringify(
      value,
      function (this: Record<string, unknown>, key: string, v: unknown) {
        // `v` has been through toJSON already (an ExactInteger is a double there); the holder has the original.
        const original = this[key];
        const digits = original instanceof ExactInteger ? original.digits : typeof v === "bigint" ? String(v) : null;
        if (digits === null) return v;
        if (rawJson) return rawJson(digits);
        throw NEEDS_EXACT_WRITER;
      },
      space,
    ) as string | undefined;
  } catch (error) {
    if (error !== NEEDS_EXACT_WRITER) throw error;
    return stringifyLossless(value, null, space, EXACT_STRINGIFIERS);
  }
}

/** A JSON object as `parseJson` returns it: a record that is not an exact integer. */
export function isJsonObject(v: unknown): v is Record<string, unknown> {
  return isRecord(v) && !(v instanceof ExactInteger);
}
