import { isLosslessNumber, parse, type LosslessNumber } from "lossless-json";
import { describe, expect, it } from "vitest";
import { seededRandom, type SeededRandom } from "../../src/cypher/seeded-random.js";
import { resultToJson, stringifyExact } from "../../src/cypher/serialize-result.js";

/** Random JSON-ish values with bigints of every size and hostile keys. */
function randomValue(random: SeededRandom, depth = 0): unknown {
  const kind = random.int(0, depth > 3 ? 4 : 7);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return random.chance(0.5);
    case 2:
      return random.pick([0, -1, 1.5, 2 ** 53 - 1, -(2 ** 53) + 1, 1e-7, 123456789]);
    case 3:
      return random.pick(["", 'a"b\\c', "\u2028", "名前", "\u0000", "GLOBEX </script>"]);
    case 4: {
      const digits = random.int(1, 45);
      let text = String(random.int(1, 9));
      while (text.length < digits) text += String(random.int(0, 9));
      return random.chance(0.5) ? BigInt(text) : -BigInt(text);
    }
    case 5:
    case 6:
      return Array.from({ length: random.int(0, 4) }, () => randomValue(random, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: random.int(0, 4) }, () => [
          random.pick(["a", "__proto__", "constructor", "", 'k"ey', "elementId"]),
          randomValue(random, depth + 1),
        ]),
      );
  }
}

/** The parsed form with lossless numbers turned back into what was written (integers as bigint). */
function normalise(value: unknown): unknown {
  if (isLosslessNumber(value)) {
    const text = (value as LosslessNumber).value;
    return /^-?\d+$/.test(text) ? BigInt(text) : Number(text);
  }
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  }
  return value;
}

function asWritten(value: unknown): unknown {
  if (typeof value === "number") return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(asWritten);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asWritten(v)]));
  }
  return value;
}

describe("resultToJson", () => {
  it("round-trips random values exactly through a lossless parse", () => {
    const random = seededRandom(2026);
    for (let i = 0; i < 500; i++) {
      const value = randomValue(random);
      const text = stringifyExact(value);
      expect(normalise(parse(text)), text).toEqual(asWritten(value));
    }
  });

  it("writes the contract's fields with bigints as raw digits", () => {
    const text = resultToJson({
      columns: ["id"],
      rows: [[18446744073709551615n], [-9007199254740993n]],
      truncated: true,
      elapsedMs: 12,
    });
    expect(text).toBe(
      '{"columns":["id"],"rows":[[18446744073709551615],[-9007199254740993]],"elapsed_ms":12,"truncated":true}',
    );
  });

  it("never throws on values JSON cannot hold", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic["self"] = cyclic;
    const shared = { x: 1 };
    expect(stringifyExact(cyclic)).toBe('{"a":1,"self":null}');
    expect(stringifyExact([shared, shared])).toBe('[{"x":1},{"x":1}]');
    expect(stringifyExact([Number.NaN, -Infinity, undefined, () => 1, Symbol("s")])).toBe("[null,null,null,null,null]");
    expect(stringifyExact({ u: undefined, d: new Date(0), bad: new Date(Number.NaN) })).toBe(
      '{"d":"1970-01-01T00:00:00.000Z","bad":null}',
    );
    expect(stringifyExact(undefined)).toBe("null");
  });
});
