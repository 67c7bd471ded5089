import { isLosslessNumber, parse } from "lossless-json";
import neo4j from "neo4j-driver";
import { describe, expect, it } from "vitest";
import {
  classifyBoltError,
  createBoltExecutor,
  toBoltParams,
  type BoltDriver,
  type BoltRecord,
  type BoltResult,
  type BoltSession,
} from "../../src/cypher/bolt-executor.js";
import { boltValueToJson } from "../../src/cypher/bolt-values.js";
import { CypherExecutionError } from "../../src/cypher/executor.js";
import { resultToJson } from "../../src/cypher/serialize-result.js";
import { seededRandom } from "../../src/cypher/seeded-random.js";

const { Node, Relationship, Path, PathSegment, Integer, Record: BoltRecordClass } = neo4j.types;
const OPTIONS = { timeoutMs: 5000, maxRows: 100 };

function int(value: string | number): InstanceType<typeof Integer> {
  return neo4j.int(value);
}

/** Neo4j 5 element ids: `<kind>:<database uuid>:<n>`. */
const DB = "8a6e7b9c-1d2e-4f30-9a1b-2c3d4e5f6a7b";
const span = new Node(
  int(1),
  ["Span"],
  { name: "Authorize", span_id64: int("6548116860245011007"), duration_ms: int(1840) },
  `4:${DB}:1`,
);
const parent = new Node(int(0), ["Span"], { name: "CreateOrder", tenant_id: "acme" }, `4:${DB}:0`);
const childOf = new Relationship(
  int(7),
  int(1),
  int(0),
  "CHILD_OF",
  { tenant_id: "acme" },
  `5:${DB}:7`,
  `4:${DB}:1`,
  `4:${DB}:0`,
);

interface FakeCalls {
  sessions: { database?: string; closed: boolean }[];
  runs: { query: string; parameters: Record<string, unknown>; timeout: number }[];
  pulled: number;
}

/** A driver stand-in that streams the given records, or fails / never answers, and records what it was asked. */
function fakeDriver(script: { keys: string[]; rows?: unknown[][]; error?: unknown; hang?: boolean }): {
  driver: BoltDriver;
  calls: FakeCalls;
} {
  const calls: FakeCalls = { sessions: [], runs: [], pulled: 0 };
  const driver: BoltDriver = {
    session(config) {
      const entry: { database?: string; closed: boolean } = { closed: false };
      if (config.database !== undefined) entry.database = config.database;
      calls.sessions.push(entry);
      const session: BoltSession = {
        run(query, parameters, config2) {
          calls.runs.push({ query, parameters, timeout: config2.timeout });
          const result: BoltResult = {
            keys: () => Promise.resolve(script.keys),
            async *[Symbol.asyncIterator](): AsyncGenerator<BoltRecord> {
              if (script.error !== undefined) throw script.error;
              if (script.hang === true) await new Promise(() => undefined);
              for (const row of script.rows ?? []) {
                calls.pulled += 1;
                yield new BoltRecordClass(script.keys, row) as unknown as BoltRecord;
              }
            },
          };
          return result;
        },
        close() {
          entry.closed = true;
          return Promise.resolve();
        },
      };
      return session;
    },
    close: () => Promise.resolve(),
  };
  return { driver, calls };
}

async function failure(promise: Promise<unknown>): Promise<CypherExecutionError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CypherExecutionError);
  return error as CypherExecutionError;
}

describe("boltValueToJson", () => {
  it("maps nodes, relationships and paths to the shape the Kuzu executor returns", () => {
    expect(boltValueToJson(span)).toEqual({
      elementId: `4:${DB}:1`,
      labels: ["Span"],
      properties: { name: "Authorize", span_id64: 6548116860245011007n, duration_ms: 1840 },
    });
    expect(boltValueToJson(childOf)).toEqual({
      elementId: `5:${DB}:7`,
      type: "CHILD_OF",
      startNodeElementId: `4:${DB}:1`,
      endNodeElementId: `4:${DB}:0`,
      properties: { tenant_id: "acme" },
    });
    const path = new Path(span, parent, [new PathSegment(span, childOf, parent)]);
    expect(boltValueToJson(path)).toEqual({
      nodes: [boltValueToJson(span), boltValueToJson(parent)],
      relationships: [boltValueToJson(childOf)],
    });
  });

  it("keeps every 64-bit integer exact, as Integer or as bigint", () => {
    const random = seededRandom(11);
    for (let i = 0; i < 500; i++) {
      // Small magnitudes too, so both sides of the ±2^53 line are covered.
      const high = random.chance(0.3) ? random.int(-0x200000, 0x1fffff) : random.int(-0x80000000, 0x7fffffff);
      const low = random.int(0, 0xffffffff);
      const exact = (BigInt(high) << 32n) | BigInt(low);
      const fromInteger = boltValueToJson(Integer.fromBits(low | 0, high));
      const fromBigint = boltValueToJson(exact);
      expect(BigInt(fromInteger as number | bigint)).toBe(exact);
      expect(fromBigint).toEqual(fromInteger);
      const safe = exact >= BigInt(Number.MIN_SAFE_INTEGER) && exact <= BigInt(Number.MAX_SAFE_INTEGER);
      expect(typeof fromInteger).toBe(safe ? "number" : "bigint");
    }
    const parsed = parse(
      resultToJson({
        columns: ["id"],
        rows: [[boltValueToJson(int("-9223372036854775808"))]],
        truncated: false,
        elapsedMs: 1,
      }),
    ) as { rows: unknown[][] };
    const cell = parsed.rows[0]![0];
    expect(isLosslessNumber(cell) && cell.value).toBe("-9223372036854775808");
  });

  it("writes temporal values as ISO text and other values as JSON", () => {
    const { Date: BoltDate, DateTime, LocalDateTime, Duration, Point } = neo4j.types;
    expect(boltValueToJson(new BoltDate(2026, 1, 2))).toBe("2026-01-02");
    expect(boltValueToJson(new DateTime(2026, 1, 2, 3, 4, 5, 123000000, 7200))).toBe("2026-01-02T01:04:05.123Z");
    expect(boltValueToJson(new LocalDateTime(2026, 1, 2, 3, 4, 5, 0))).toBe("2026-01-02T03:04:05");
    expect(boltValueToJson(new Duration(0, 1, 3600, 0))).toBe("P1DT1H");
    expect(boltValueToJson(new Point(int(4326), 13.4, 52.5))).toEqual({ srid: 4326, x: 13.4, y: 52.5 });
    expect(boltValueToJson(new Int8Array([65, 66]))).toBe("QUI=");
    expect(boltValueToJson([Number.NaN, Number.POSITIVE_INFINITY, 1.5, null, undefined])).toEqual([
      null,
      null,
      1.5,
      null,
      null,
    ]);
    const hostile = JSON.parse('{"__proto__": {"polluted": 1}, "a": [1]}') as unknown;
    const mapped = boltValueToJson(hostile) as Record<string, unknown>;
    expect(Object.getPrototypeOf(mapped)).toBe(Object.prototype);
    expect(Object.keys(mapped)).toEqual(["__proto__", "a"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    // Deeper than any real reply: cut, not walked.
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(() => boltValueToJson(deep)).not.toThrow();
  });
});

describe("Bolt executor", () => {
  it("runs in read mode with the server-side timeout, maps rows and truncates at maxRows", async () => {
    const rows = Array.from({ length: 10 }, (_, i) => [int(i), span]);
    const { driver, calls } = fakeDriver({ keys: ["n", "s"], rows });
    const executor = createBoltExecutor({ url: "bolt://unused", database: "telemetry", driver });
    expect(executor.dialect).toBe("neo4j");
    const result = await executor.run(
      "MATCH (s:Span) RETURN s LIMIT $limit",
      { limit: 3, big: 2n ** 62n, f: 1.5 },
      { timeoutMs: 1234, maxRows: 4 },
    );
    expect(result.columns).toEqual(["n", "s"]);
    expect(result.rows.map((row) => row[0])).toEqual([0, 1, 2, 3]);
    expect(result.rows[0]![1]).toEqual(boltValueToJson(span));
    expect(result.truncated).toBe(true);
    // The stream was left after the first row beyond maxRows.
    expect(calls.pulled).toBe(5);
    expect(calls.runs[0]!.timeout).toBe(1234);
    expect(calls.sessions).toEqual([{ database: "telemetry", closed: true }]);
    const sent = calls.runs[0]!.parameters;
    expect(neo4j.isInt(sent["limit"]) && sent["limit"].toString()).toBe("3");
    expect(neo4j.isInt(sent["big"]) && sent["big"].toString()).toBe((2n ** 62n).toString());
    expect(sent["f"]).toBe(1.5);

    const exact = await executor.run("RETURN 1", {}, { timeoutMs: 1000, maxRows: 10 });
    expect(exact.truncated).toBe(false);
    expect(exact.rows).toHaveLength(10);
  });

  it("returns the columns of an empty result", async () => {
    const { driver } = fakeDriver({ keys: ["a", "b"], rows: [] });
    const result = await createBoltExecutor({ url: "bolt://unused", driver }).run(
      "MATCH (n:None) RETURN n AS a, 1 AS b",
      {},
      OPTIONS,
    );
    expect(result).toMatchObject({ columns: ["a", "b"], rows: [], truncated: false });
  });

  it("maps a server that does not answer in time to code timeout and closes its session", async () => {
    const { driver, calls } = fakeDriver({ keys: ["x"], hang: true });
    const executor = createBoltExecutor({ url: "bolt://unused", driver, watchdogGraceMs: 0 });
    expect((await failure(executor.run("MATCH (n) RETURN n", {}, { timeoutMs: 1, maxRows: 1 }))).code).toBe("timeout");
    expect(calls.sessions[0]!.closed).toBe(true);
    const controller = new AbortController();
    const running = createBoltExecutor({ url: "bolt://unused", driver }).run(
      "MATCH (n) RETURN n",
      {},
      { ...OPTIONS, signal: controller.signal },
    );
    controller.abort();
    expect((await failure(running)).code).toBe("timeout");
  });

  it("classifies server errors by their Neo4j status code", async () => {
    const cases: [string, string][] = [
      ["Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", "timeout"],
      ["Neo.ClientError.Statement.SyntaxError", "syntax"],
      ["Neo.ClientError.Statement.SemanticError", "syntax"],
      ["Neo.ClientError.Statement.AccessMode", "runtime"],
      ["Neo.ClientError.Security.Unauthorized", "unavailable"],
      [neo4j.error.SERVICE_UNAVAILABLE, "unavailable"],
      ["Neo.DatabaseError.General.UnknownError", "runtime"],
    ];
    for (const [code, expected] of cases) {
      const { driver } = fakeDriver({ keys: [], error: new neo4j.Neo4jError("failed", code, "", "") });
      const error = await failure(createBoltExecutor({ url: "bolt://unused", driver }).run("RETURN 1", {}, OPTIONS));
      expect([code, error.code]).toEqual([code, expected]);
    }
    expect(classifyBoltError(new Error("socket hang up")).code).toBe("runtime");
  });

  it("refuses parameters a 64-bit integer cannot hold and closed executors", async () => {
    expect(() => toBoltParams({ x: 2n ** 63n })).toThrow(CypherExecutionError);
    const { driver } = fakeDriver({ keys: ["x"], rows: [] });
    const executor = createBoltExecutor({ url: "bolt://unused", driver });
    expect((await failure(executor.run("RETURN $x", { x: 2n ** 63n }, OPTIONS))).code).toBe("syntax");
    await executor.close();
    expect((await failure(executor.run("RETURN 1", {}, OPTIONS))).code).toBe("unavailable");
  });

  it("reports an unreachable server as unavailable (real driver)", async () => {
    // The real driver satisfies the interface the executor uses.
    const real: BoltDriver = neo4j.driver("bolt://127.0.0.1:1", undefined, { useBigInt: true });
    await real.close();
    const executor = createBoltExecutor({ url: "bolt://127.0.0.1:1", user: "puppygraph", password: "x" });
    expect((await failure(executor.run("RETURN 1", {}, OPTIONS))).code).toBe("unavailable");
    await executor.close();
  });
});
