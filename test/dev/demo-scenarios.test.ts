// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pickScenario } from "../../dev/scenarios";
import { DemoApi, isFinalIdle, isIdle } from "./demo-test-kit";
import type { WireEventJson } from "./sse-test-client";

const texts = (events: WireEventJson[], type: string): string[] =>
  events.filter((e) => e.type === type).map((e) => (e.content as Array<{ text: string }>).map((b) => b.text).join(""));

describe("demo scenarios", { timeout: 30_000 }, () => {
  let api: DemoApi;
  beforeAll(async () => {
    api = await DemoApi.start(0);
  });
  afterAll(() => api.server.close());

  async function turn(
    text: string,
    done: (e: WireEventJson) => boolean = isFinalIdle,
  ): Promise<{ id: string; events: WireEventJson[] }> {
    const id = await api.createSession();
    const stream = await api.stream(id, "");
    await api.say(id, text);
    const events = await stream.readUntil(done);
    stream.close();
    return { id, events };
  }

  it("routes messages by keyword", () => {
    const cases: Array<[string, string]> = [
      ["Why is checkout slow in this trace?", "cypher"],
      ["Write a markdown summary", "markdown"],
      ["List every span of this trace", "span-dump"],
      ["Show me the SCHEMA", "schema"],
      ["simulate an error", "error"],
      ["a fatal one", "fatal"],
      ["retry until you give up", "exhausted"],
      ["this slow query hits a timeout", "slow"],
      ["please approve", "approval"],
      ["look at the current trace", "client-tool"],
      ["terminate", "terminate"],
    ];
    for (const [text, name] of cases) expect(pickScenario(text).name, text).toBe(name);
  });

  it("recovers from a retried overload", async () => {
    const { events } = await turn("show me an error");
    const types = events.map((e) => e.type);
    expect(events.find((e) => e.type === "session.error")).toMatchObject({
      error: { type: "model_overloaded_error", message: "Overloaded", retry_status: { type: "retrying" } },
    });
    expect(events.find((e) => e.type === "span.model_request_end")).toMatchObject({ is_error: true });
    expect(types.indexOf("session.status_rescheduled")).toBeGreaterThan(types.indexOf("session.error"));
    expect(types).toContain("user.custom_tool_result");
    expect(events.at(-1)).toMatchObject({ stop_reason: { type: "end_turn" } });
  });

  it("ends a fatal tool failure with retries_exhausted", async () => {
    const { events } = await turn("fatal please");
    const result = events.find((e) => e.type === "agent.mcp_tool_result");
    expect(result).toMatchObject({ is_error: true });
    expect(JSON.stringify(result?.content)).toContain("elementId(v)");
    expect((events.find((e) => e.type === "agent.mcp_tool_use")?.input as { query: string }).query).toContain("v.id");
    expect(events.find((e) => e.type === "session.error")).toMatchObject({
      error: {
        retry_status: { type: "terminal" },
        message: expect.stringContaining("The MCP server puppygraph failed"),
      },
    });
    expect(events.at(-1)).toMatchObject({ type: "session.status_idle", stop_reason: { type: "retries_exhausted" } });
  });

  it("ends an overload that outlasts its retries with retries_exhausted", async () => {
    const { events } = await turn("retry until the retries are exhausted");
    const errors = events.filter((e) => e.type === "session.error").map((e) => e.error);
    expect(errors).toMatchObject([{ retry_status: { type: "retrying" } }, { retry_status: { type: "exhausted" } }]);
    expect(events.at(-1)).toMatchObject({ type: "session.status_idle", stop_reason: { type: "retries_exhausted" } });
  });

  it("retries an unbounded traversal the guard refused with a bounded one", async () => {
    const { events } = await turn("why does this query timeout?");
    const uses = events.filter((e) => e.type === "agent.custom_tool_use");
    expect(uses.map((e) => (e.input as { query: string }).query)).toEqual([
      expect.stringContaining("[:CHILD_OF*]"),
      expect.stringContaining("[:CHILD_OF*1..3]"),
    ]);
    const results = events.filter((e) => e.type === "user.custom_tool_result");
    expect(results.map((e) => e.is_error === true)).toEqual([true, false]);
    expect(JSON.stringify(results[0]?.content)).toContain("unbounded-hops");
    expect(texts(events, "agent.message").at(-1)).toContain("3 hops");
  });

  it("uses a built-in tool for the schema", async () => {
    const { events } = await turn("what is the schema?");
    const use = events.find((e) => e.type === "agent.tool_use");
    expect(use).toMatchObject({ name: "describe_schema", input: { labels: true } });
    expect(events.find((e) => e.type === "agent.tool_result")).toMatchObject({ tool_use_id: use?.id, is_error: false });
    expect(texts(events, "agent.message").at(-1)).toContain("no `id` property");
    expect(texts(events, "agent.message").at(-1)).toContain("id(v) AS id");
  });

  it("terminates the session", async () => {
    const { id, events } = await turn("terminate this", (e) => e.type === "session.status_terminated");
    expect(events.some(isIdle)).toBe(false);
    const again = await api.post(id, [{ type: "user.message", content: [{ type: "text", text: "hello?" }] }]);
    expect(again.status).toBe(400);
  });

  it("emits a future event type in the markdown scenario", async () => {
    const { events } = await turn("markdown");
    expect(events.filter((e) => e.type === "agent.hologram")).toEqual([
      expect.objectContaining({ id: expect.stringMatching(/^sevt_/) }),
    ]);
    const answer = texts(events, "agent.message")[0] ?? "";
    expect(answer.match(/```/g)).toHaveLength(4);
    expect(answer).toContain("| Service |");
  });
});
