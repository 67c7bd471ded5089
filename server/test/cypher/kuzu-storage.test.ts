import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { CypherExecutionError } from "../../src/cypher/executor.js";
import { createKuzuExecutor } from "../../src/cypher/kuzu-executor.js";
import { generateTelemetryGraph } from "../../src/cypher/telemetry-graph.js";

const OPTIONS = { timeoutMs: 10_000, maxRows: 10 };

describe("Kuzu executor storage and installation", () => {
  afterEach(() => {
    vi.doUnmock("kuzu");
    vi.resetModules();
  });

  it("keeps a database path's telemetry across restarts instead of loading it twice", async () => {
    const directory = await mkdtemp(join(tmpdir(), "tracy-kuzu-test-"));
    try {
      const path = join(directory, "graph.kuzu");
      const first = await createKuzuExecutor({
        databasePath: path,
        graph: generateTelemetryGraph({ seed: 5, tracesPerTenant: 3 }),
      });
      const before = await first.run("MATCH (t:Trace) RETURN count(*) AS n", {}, OPTIONS);
      expect(before.rows).toEqual([[6]]);
      await first.close();
      const second = await createKuzuExecutor({
        databasePath: path,
        graph: generateTelemetryGraph({ seed: 6, tracesPerTenant: 9 }),
      });
      expect((await second.run("MATCH (t:Trace) RETURN count(*) AS n", {}, OPTIONS)).rows).toEqual([[6]]);
      await second.close();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it("reports a missing kuzu package as unavailable, with how to install it", async () => {
    vi.doMock("kuzu", () => {
      throw new Error("Cannot find package 'kuzu'");
    });
    vi.resetModules();
    const { createKuzuExecutor: create } = await import("../../src/cypher/kuzu-executor.js");
    const { CypherExecutionError: ErrorClass } = await import("../../src/cypher/executor.js");
    const error: unknown = await create({ graph: null }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ErrorClass);
    expect((error as CypherExecutionError).code).toBe("unavailable");
    expect((error as Error).message).toContain("npm install kuzu");
  });
});
