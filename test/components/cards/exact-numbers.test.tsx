import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ApprovalPrompt } from "../../../src/components/approval-prompt";
import { CypherCard } from "../../../src/components/cypher/cypher-card";
import { ToolCard } from "../../../src/components/tool-card";
import { ExactInteger, parseJson } from "../../../src/protocol/exact-json";
import { TracyStoreContext } from "../../../src/react/tracy-context";
import { createTracyStore } from "../../../src/store/create-tracy-store";
import { unsafeIntegers } from "../../helpers/big-integers";
import { FakeTransport } from "../../helpers/fake-transport";
import { result, tool } from "./tools";
import { en } from "../../helpers/labels";

// Generated ids beyond 2^53 (both signs), each of which JSON.parse would round.
const ids = unsafeIntegers(0x64b17, 24);
const id = (i: number) => ids[i] as string;

/** A Cypher answer as the backend writes it: ids as bare integers, in rows and nested values. */
const ROWS_TEXT = `{"columns":["trace_id","span_id","links"],"rows":[${[0, 3, 6, 9]
  .map((i) => `{"trace_id":${id(i)},"span_id":${id(i + 1)},"links":[{"parent":${id(i + 2)}}]}`)
  .join(",")}],"elapsed_ms":12}`;

/** Tool input as the transport delivers it: exact integers where a double would round. */
const exactInput = () =>
  parseJson(
    `{"query":"MATCH (s:Span) WHERE s.trace_id = $t RETURN s","params":{"t":${id(12)},"ids":[${id(13)},-1]}}`,
  ) as Record<string, unknown>;

describe("ids beyond 2^53 keep every digit", () => {
  it("in Cypher table cells, Copy as CSV, Copy as JSON and the raw JSON view", async () => {
    const user = userEvent.setup();
    render(<CypherCard tool={tool({ result: result(ROWS_TEXT) })} open />);
    const table = screen.getByRole("region", { name: en.queryResult });
    for (const i of [0, 3, 6, 9]) {
      expect(within(table).getByText(id(i))).toHaveAttribute("data-kind", "number");
      expect(within(table).getByText(id(i + 1))).toBeInTheDocument();
      expect(within(table).getByText(`[{"parent":${id(i + 2)}}]`)).toBeInTheDocument();
    }
    await user.click(screen.getByRole("button", { name: en.copyAsCsv }));
    const csv = (await navigator.clipboard.readText()).split("\r\n");
    expect(csv[1]).toBe(`${id(0)},${id(1)},"[{""parent"":${id(2)}}]"`);
    await user.click(screen.getByRole("button", { name: en.copyAsJson }));
    const copied = await navigator.clipboard.readText();
    for (let i = 0; i < 12; i++) expect(copied).toContain(id(i));
    await user.click(screen.getByRole("button", { name: en.viewRaw }));
    const raw = await screen.findByText(
      (_, el) => el?.tagName === "PRE" && (el.textContent ?? "").includes('"elapsed_ms"'),
    );
    for (let i = 0; i < 12; i++) expect(raw.textContent).toContain(id(i));
  });

  it("in a Cypher card's parameters", async () => {
    render(<CypherCard tool={tool({ input: exactInput() })} open />);
    await userEvent.setup().click(screen.getByRole("button", { name: /Parameters/ }));
    expect(
      screen.getByText((_, el) => el?.tagName === "PRE" && (el.textContent ?? "").includes(`"t": ${id(12)}`)),
    ).toHaveTextContent(`${id(13)},`);
  });

  it("in a generic tool card's input, output, and their copies", async () => {
    const user = userEvent.setup();
    const output = `{"spans":[{"span_id":${id(14)},"parent":{"id":${id(15)}}},${id(16)}],"count":3}`;
    render(
      <ToolCard
        tool={tool({
          name: "get_spans",
          serverName: null,
          source: "builtin",
          input: exactInput(),
          result: result(output),
        })}
        open
      />,
    );
    const card = screen.getByRole("group", { name: "Tool call get_spans" });
    expect(card).toHaveTextContent(`"t": ${id(12)}`);
    expect(card).toHaveTextContent(`"id": ${id(15)}`);
    expect(card).toHaveTextContent(`${id(16)}`);
    expect(screen.getByRole("button", { name: /get_spans/ })).toHaveTextContent(id(12));
    await user.click(screen.getByRole("button", { name: en.copyInput }));
    expect(await navigator.clipboard.readText()).toContain(`"ids": [\n      ${id(13)},\n      -1\n    ]`);
    await user.click(screen.getByRole("button", { name: en.copyOutput }));
    const copied = await navigator.clipboard.readText();
    for (const i of [14, 15, 16]) expect(copied).toContain(id(i));
  });

  it("in the approval card, which shows exactly what will run", () => {
    const store = createTracyStore({ transport: new FakeTransport(), tenantId: "acme" });
    const input = exactInput();
    expect((input.params as { t: unknown }).t).toBeInstanceOf(ExactInteger);
    render(
      <TracyStoreContext.Provider value={store}>
        <ApprovalPrompt tool={tool({ name: "delete_spans", input })} />
      </TracyStoreContext.Provider>,
    );
    const shown = screen.getByText((_, el) => el?.tagName === "CODE" && (el.textContent ?? "").includes('"params"'));
    expect(shown.textContent).toContain(`"t": ${id(12)}`);
    expect(shown.textContent).toContain(`${id(13)},\n      -1`);
  });
});
