// @vitest-environment node
import { describe, expect, it } from "vitest";
import { ExactInteger, mayHoldBigInteger, parseJson, reviveExact, stringifyJson } from "../../src/protocol/exact-json";
import { bigIntegers } from "../helpers/big-integers";
import { mulberry32 } from "../helpers/rng";

describe("parseJson / stringifyJson", () => {
  it("keeps the ids of the wire exact", () => {
    for (const digits of [
      "1311768467463790321",
      "9223372036854775807",
      "-9223372036854775808",
      "18446744073709551615",
    ]) {
      const parsed = parseJson(`{"trace_id":${digits}}`) as { trace_id: unknown };
      expect(parsed.trace_id).toBeInstanceOf(ExactInteger);
      expect(String(parsed.trace_id)).toBe(digits);
      expect(stringifyJson(parsed)).toBe(`{"trace_id":${digits}}`);
    }
  });

  it("round-trips generated integers beyond 2^53 in nested objects and arrays, exactly", () => {
    const ints = bigIntegers(0x5eed, 300);
    for (let i = 0; i + 3 <= ints.length; i += 3) {
      const text = `{"rows":[{"span_id":${ints[i]},"parents":[${ints[i + 1]},{"deep":[[${ints[i + 2]}]]}],"n":1.5,"ok":true}],"x":null}`;
      const value = parseJson(text);
      expect(stringifyJson(value)).toBe(text);
      const row = (value as { rows: [{ span_id: unknown; parents: [unknown, { deep: unknown[][] }] }] }).rows[0];
      for (const [got, want] of [
        [row.span_id, ints[i]],
        [row.parents[0], ints[i + 1]],
        [row.parents[1].deep[0]?.[0], ints[i + 2]],
      ] as const) {
        const safe = Number.isSafeInteger(Number(want));
        expect(safe ? got === Number(want) : got instanceof ExactInteger && got.digits === want).toBe(true);
      }
    }
  });

  it("gives everything else exactly what JSON.parse gives", () => {
    const random = mulberry32(42);
    for (let i = 0; i < 300; i++) {
      const n = Math.floor(random() * Number.MAX_SAFE_INTEGER) * (random() < 0.5 ? -1 : 1);
      const text = `{"safe":${n},"max":9007199254740991,"float":${random() * 1e6},"exp":1e21,"tiny":5e-324,"s":"12345678901234567890","a":[0,-0,true,null]}`;
      expect(parseJson(text)).toEqual(JSON.parse(text));
    }
  });

  it("behaves as JSON.parse on duplicate keys, __proto__ and invalid text", () => {
    const dup = parseJson('{"a":1,"a":12345678901234567890}') as { a: unknown };
    expect(String(dup.a)).toBe("12345678901234567890");
    const proto = parseJson('{"__proto__":{"polluted":1},"id":12345678901234567890}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(Object.keys(proto)).toEqual(["__proto__", "id"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => parseJson("{12345678901234567890}")).toThrow(SyntaxError);
    expect(() => parseJson("[1,]")).toThrow(SyntaxError);
  });

  it("lets other code use an exact integer as the number it was before", () => {
    const big = parseJson("[12345678901234567891]") as [ExactInteger];
    // eslint-disable-next-line no-loss-of-precision -- the rounded double is what other code would have seen
    expect((big[0] as unknown as number) + 1).toBe(12345678901234567891 + 1);
    expect((big[0] as unknown as number) > 1e19).toBe(true);
    // eslint-disable-next-line no-loss-of-precision -- the rounded double is what other code would have seen
    expect(JSON.stringify(big)).toBe(JSON.stringify([12345678901234567891]));
    expect(`${big[0]}`).toBe("12345678901234567891");
    expect(Object.keys(big[0])).toEqual([]);
  });

  it("takes the native parser when long digit runs are only inside strings", () => {
    expect(mayHoldBigInteger('{"text":"{\\"span_id\\":1311768467463790321}","n":1}')).toBe(false);
    expect(mayHoldBigInteger('{"a":"\\\\","b":1311768467463790321}')).toBe(true);
    expect(mayHoldBigInteger('{"a":"x\\"1311768467463790321\\"","b":[900719925474099]}')).toBe(false);
    expect(mayHoldBigInteger("[-9007199254740993]")).toBe(true);
    expect(mayHoldBigInteger('["unterminated 12345678901234567890')).toBe(false);
    // Generated: a big integer outside strings is always seen, one inside never.
    const random = mulberry32(7);
    for (const digits of bigIntegers(99, 200)) {
      const pad = "x".repeat(Math.floor(random() * 5));
      expect(mayHoldBigInteger(`{"${pad}":${digits}}`)).toBe(true);
      expect(mayHoldBigInteger(`{"${pad}":"${digits}","q":"\\"${digits}\\""}`)).toBe(false);
    }
  });

  it("keeps integers exact through a native reviver that is given each number's source text", () => {
    // Engines with JSON.parse source text access call the reviver with { source }; simulated here.
    expect(reviveExact("id", 1311768467463790300, { source: "1311768467463790321" })).toEqual(
      new ExactInteger("1311768467463790321"),
    );
    expect(String(reviveExact("id", -9223372036854776000, { source: "-9223372036854775807" }))).toBe(
      "-9223372036854775807",
    );
    expect(reviveExact("n", 42, { source: "42" })).toBe(42);
    expect(reviveExact("f", 1e21, { source: "1e21" })).toBe(1e21);
    expect(reviveExact("f", 0.1, { source: "0.1" })).toBe(0.1);
    expect(reviveExact("s", "12345678901234567890", {})).toBe("12345678901234567890");
    expect(reviveExact("o", 1311768467463790300)).toBe(1311768467463790300);
  });
});
