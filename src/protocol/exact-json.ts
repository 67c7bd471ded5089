import { parse as parseLossless, stringify as stringifyLossless } from "lossless-json";

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

const INTEGER = /^-?\d+$/;

/**
 * Without a run of 16 digits no integer literal can exceed 2^53 (9007199254740992 has 16), so
 * such text takes the native parser: the exact one is a JS parser, several times slower.
 */
const MAY_HOLD_BIG_INTEGER = /\d{16}/;

function parseNumber(text: string): number | ExactInteger {
  const n = Number(text);
  return INTEGER.test(text) && !Number.isSafeInteger(n) ? new ExactInteger(text) : n;
}

/**
 * `JSON.parse`, except that integers beyond ±(2^53 − 1) become `ExactInteger`s. Everything else is
 * what `JSON.parse` returns (a duplicate key keeps its last value, `__proto__` is an own key), and
 * text `JSON.parse` rejects throws the same way.
 */
export function parseJson(text: string): unknown {
  if (!MAY_HOLD_BIG_INTEGER.test(text)) return JSON.parse(text) as unknown;
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

/** `JSON.stringify` that prints `ExactInteger`s (and bigints) with all their digits. */
export function stringifyJson(value: unknown, space?: number): string | undefined {
  return stringifyLossless(value, null, space, EXACT_STRINGIFIERS);
}
