import { act, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { TracyPanel } from "../../src";
import { parseJson } from "../../src/protocol/exact-json";
import { unsafeIntegers } from "../helpers/big-integers";
import { mulberry32 } from "../helpers/rng";
import { FakeTransport } from "../helpers/fake-transport";

/**
 * Events as the transport now reads them: every number a backend could send as a huge integer
 * (tokens, indexes, ids in tool input) arrives as an ExactInteger. None of it may break the panel.
 */
function hostileTurn(seed: number): unknown[] {
  const ids = unsafeIntegers(seed, 12);
  const random = mulberry32(seed);
  const n = (i: number) => (random() < 0.5 ? ids[i] : `-${ids[i]}`.replace("--", "-"));
  const texts = [
    `{"type":"session.status_running","id":"sevt_1_10"}`,
    `{"type":"event_start","event":{"id":"sevt_1_11","type":"agent.message"}}`,
    `{"type":"event_delta","event_id":"sevt_1_11","delta":{"type":"content_delta","content":{"type":"text","text":"Looking"},"index":${n(0)}}}`,
    `{"type":"agent.message","id":"sevt_1_11","content":[{"type":"text","text":"Found it."}]}`,
    `{"type":"span.model_request_start","id":"sevt_1_12"}`,
    `{"type":"span.model_request_end","id":"sevt_1_13","model_request_start_id":"sevt_1_12","is_error":false,"model_usage":{"input_tokens":${n(1)},"output_tokens":${n(2)},"cache_read_input_tokens":${n(3)},"cache_creation_input_tokens":${n(4)}}}`,
    `{"type":"agent.mcp_tool_use","id":"sevt_1_14","name":"delete_spans","mcp_server_name":"clawtrace","input":{"trace_id":${ids[5]},"span_ids":[${ids[6]},${ids[7]}]},"evaluated_permission":"ask"}`,
    `{"type":"session.usage","id":"sevt_1_15","usage":{"input_tokens":${n(8)},"output_tokens":${n(9)},"cache_read_input_tokens":1,"cache_creation":{"ephemeral_5m_input_tokens":${n(10)}},"list_cost":{"amount":${n(11)},"currency":"USD"}}}`,
    `{"type":"session.status_idle","id":"sevt_1_16","stop_reason":{"type":"requires_action","event_ids":["sevt_1_14"]},"stop_details":null}`,
  ];
  return texts.map((t) => parseJson(t));
}

describe("<TracyPanel> with integers beyond 2^53 everywhere", () => {
  it("stays up, shows usage as numbers, and shows the approval input exactly", async () => {
    for (const seed of [1, 2, 3]) {
      const transport = new FakeTransport();
      const view = render(<TracyPanel tenantId="acme" sessionId="sesn_1" transport={transport} />);
      await waitFor(() => expect(transport.streams).toHaveLength(1));
      const stream = transport.lastStream();
      const events = hostileTurn(seed);
      act(() => {
        stream.open();
        for (const e of events) stream.emit(e);
      });
      const ids = unsafeIntegers(seed, 12);
      const code = await screen.findByText(
        (_, el) => el?.tagName === "CODE" && (el.textContent ?? "").includes('"span_ids"'),
      );
      expect(code.textContent).toContain(`"trace_id": ${ids[5]}`);
      expect(code.textContent).toContain(`${ids[6]},\n    ${ids[7]}`);
      expect(screen.getByText("Found it.")).toBeInTheDocument();
      expect(screen.getByRole("button", { name: /token usage details/ })).toBeInTheDocument();
      view.unmount();
    }
  });
});
