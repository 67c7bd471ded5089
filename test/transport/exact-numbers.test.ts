import { describe, expect, it } from "vitest";
import { ExactInteger, stringifyJson } from "../../src/protocol/exact-json";
import { createHttpTransport } from "../../src/transport/http-transport";
import { unsafeIntegers } from "../helpers/big-integers";

const acme = { tenantId: "acme", traceId: null };
const ids = unsafeIntegers(0xb16, 40);

const toolUse = (i: number) =>
  `{"type":"agent.tool_use","id":"sevt_${i}","name":"run_cypher","input":{"query":"MATCH (s) WHERE s.trace_id = $t RETURN s","params":{"t":${ids[i]},"spans":[${ids[i + 1]},{"parent":${ids[i + 2]}}]}}}`;

/** What the panel sees of an id: the exact digits, or (before) a rounded double. */
function digitsOf(value: unknown): string {
  return value instanceof ExactInteger ? value.digits : String(value);
}

function paramsOf(event: unknown): { t: unknown; spans: [unknown, { parent: unknown }] } {
  return (event as { input: { params: { t: unknown; spans: [unknown, { parent: unknown }] } } }).input.params;
}

describe("64-bit integers through the HTTP transport", () => {
  it("arrive exact in streamed events", async () => {
    const body = Array.from({ length: 10 }, (_, i) => `id: sevt_${i}\ndata: ${toolUse(i * 3)}\n\n`).join("");
    const transport = createHttpTransport({
      baseUrl: "/api/tracy",
      stallTimeoutMs: 0,
      fetch: async () => new Response(body, { status: 200, headers: { "Content-Type": "text/event-stream" } }),
    });
    const controller = new AbortController();
    const events: unknown[] = [];
    const done = transport.streamEvents(acme, "sesn_1", {
      lastEventId: null,
      signal: controller.signal,
      onEvent: (e) => {
        events.push(e);
        if (events.length === 10) controller.abort();
      },
    });
    await done;
    expect(events).toHaveLength(10);
    events.forEach((event, n) => {
      const p = paramsOf(event);
      expect([digitsOf(p.t), digitsOf(p.spans[0]), digitsOf(p.spans[1].parent)]).toEqual([
        ids[n * 3],
        ids[n * 3 + 1],
        ids[n * 3 + 2],
      ]);
    });
  });

  it("arrive exact in history pages and go back exact in POST bodies", async () => {
    let posted = "";
    const transport = createHttpTransport({
      baseUrl: "/api/tracy",
      fetch: async (_input, init) => {
        if (init?.method === "POST") {
          posted = String(init.body);
          return new Response(`{"data":[${posted.slice(posted.indexOf("[") + 1, posted.lastIndexOf("]"))}]}`);
        }
        return new Response(`{"data":[${toolUse(0)},${toolUse(3)}],"next_page":null}`);
      },
    });
    const page = await transport.listEvents(acme, "sesn_1", {}, new AbortController().signal);
    expect(digitsOf(paramsOf(page.data[1]).spans[1].parent)).toBe(ids[5]);
    // A client tool answering with the input it was given sends the same digits back.
    const result = {
      type: "user.custom_tool_result" as const,
      custom_tool_use_id: "sevt_0",
      content: [],
      echo: paramsOf(page.data[0]),
    };
    const sent = await transport.sendEvents(acme, "sesn_1", [result], "key-1", new AbortController().signal);
    expect(posted).toContain(`"t":${ids[0]},"spans":[${ids[1]},{"parent":${ids[2]}}]`);
    expect(stringifyJson(sent.data[0])).toBe(stringifyJson(result));
  });
});
