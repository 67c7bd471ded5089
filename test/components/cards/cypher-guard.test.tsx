import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { CypherCard } from "../../../src/components/cypher/cypher-card";
import { cypherFailureOf, guardReportOf } from "../../../src/components/cypher/guard-report";
import { en } from "../../helpers/labels";
import { mulberry32 } from "../../helpers/rng";
import { jsonResult, result, tool } from "./tools";

const WRITTEN = "MATCH (v:Span {trace_id: $trace})\nRETURN v.id AS id, v.name AS name\nLIMIT 3";
const RAN =
  "MATCH (v:Span {trace_id: $trace})\nWHERE v.tenant_id = $__tracy_tenant\nRETURN id(v) AS id, v.name AS name\nLIMIT 3";
const NOTES = [
  { code: "id-rewritten", message: "v.id was rewritten to id(v): nodes have no id property." },
  { code: "tenant-scoped", message: "Every node (v) is scoped to the session's tenant." },
];
const run = (input = WRITTEN) =>
  tool({ source: "custom", serverName: null, input: { query: input, params: { trace: "t1" } } });
const ANSWER = {
  columns: ["id", "name"],
  rows: [["0:12", "POST /checkout"]],
  elapsed_ms: 12,
  truncated: false,
  query: RAN,
  guard: { rewritten: true, notes: NOTES },
};

describe("<CypherCard> with tracy-server's guard", () => {
  it("shows a rewritten query folded: the guard's notes and the query that ran, highlighted", async () => {
    const user = userEvent.setup();
    render(<CypherCard tool={{ ...run(), result: jsonResult(ANSWER) }} open />);
    const section = screen.getByRole("button", { name: en.guardRewritten });
    expect(section).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByText(NOTES[0]!.message)).not.toBeInTheDocument();
    // The rows are there either way.
    expect(screen.getByRole("cell", { name: "POST /checkout" })).toBeInTheDocument();

    await user.click(section);
    const notes = await screen.findByRole("list", { name: en.guardRewriteNotes });
    expect(
      within(notes)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual([`${NOTES[0]!.message} id-rewritten`, `${NOTES[1]!.message} tenant-scoped`]);
    expect(screen.getByText(en.queryThatRan)).toBeInTheDocument();
    const blocks = [...document.querySelectorAll("pre.tracy-cy")].map((pre) => pre.textContent);
    expect(blocks).toEqual([WRITTEN, RAN]);
    expect(screen.getByRole("button", { name: en.copyQueryThatRan })).toBeInTheDocument();
    // The highlighter's chunk arrives: the query that ran is highlighted like the written one.
    await screen.findAllByText("WHERE", { selector: "span" });
  });

  it("shows no guard section when the query ran as written, or the backend says nothing about a guard", () => {
    const { unmount } = render(
      <CypherCard
        tool={{ ...run(), result: jsonResult({ ...ANSWER, query: WRITTEN, guard: { rewritten: false, notes: [] } }) }}
        open
      />,
    );
    expect(screen.queryByRole("button", { name: en.guardRewritten })).not.toBeInTheDocument();
    unmount();
    render(<CypherCard tool={{ ...run(), result: jsonResult({ columns: ["a"], rows: [[1]] }) }} open />);
    expect(screen.queryByRole("button", { name: en.guardRewritten })).not.toBeInTheDocument();
  });

  it("shows a rejection's reasons as a list, not the JSON it came in", async () => {
    const reasons = [
      { code: "unbounded-hops", message: "The variable-length relationship [:CHILD_OF*] has no upper bound." },
      { code: "write", message: "Queries may only read." },
    ];
    const text = JSON.stringify({
      error: { kind: "rejected", message: "The query was not run.", reasons },
      query: WRITTEN,
    });
    render(<CypherCard tool={{ ...run(), result: result(text, { isError: true }) }} open />);
    expect(await screen.findByText(en.guardRejected)).toBeInTheDocument();
    const list = screen.getByRole("list", { name: en.guardReasons });
    expect(
      within(list)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(reasons.map((r) => `${r.message} ${r.code}`));
    expect(document.body.textContent).not.toContain('{"error"');
    expect(screen.getByRole("button", { name: /run_cypher/ })).toHaveTextContent(en.statusError);
  });

  it("titles a timeout and a failure, with their message", async () => {
    const failure = (kind: string, message: string) =>
      result(JSON.stringify({ error: { kind, message, reasons: [] }, query: WRITTEN }), { isError: true });
    const { unmount } = render(
      <CypherCard tool={{ ...run(), result: failure("timeout", "No answer within 15000 ms.") }} open />,
    );
    expect(await screen.findByText(en.queryTimedOut)).toBeInTheDocument();
    expect(screen.getByText("No answer within 15000 ms.")).toBeInTheDocument();
    unmount();
    render(<CypherCard tool={{ ...run(), result: failure("failed", "Binder exception: unknown table") }} open />);
    expect(await screen.findByText(en.queryFailed)).toBeInTheDocument();
    expect(screen.getByText("Binder exception: unknown table")).toBeInTheDocument();
  });

  it("keeps a plain error text as it was (other backends)", () => {
    render(
      <CypherCard tool={{ ...run(), result: result("Query timed out after 30000 ms", { isError: true }) }} open />,
    );
    expect(screen.getByText(en.error)).toBeInTheDocument();
    expect(screen.getByText("Query timed out after 30000 ms")).toBeInTheDocument();
  });

  it("reads hostile guard fields without throwing, and never as markup", async () => {
    const random = mulberry32(20261130);
    const junk = (depth = 0): unknown => {
      const r = random();
      if (depth > 2 || r < 0.2)
        return ["<img src=x onerror=alert(1)>", 1e308, null, true, "", "x".repeat(5000)][Math.floor(random() * 6)];
      if (r < 0.6) return Array.from({ length: Math.floor(random() * 4) }, () => junk(depth + 1));
      return Object.fromEntries(
        ["code", "message", "notes", "reasons", "kind", "rewritten", "__proto__", "query"].map((k) => [
          k,
          junk(depth + 1),
        ]),
      );
    };
    for (let i = 0; i < 200; i++) {
      const raw = { columns: ["a"], rows: [[1]], guard: junk(), query: junk() };
      expect(() => guardReportOf(raw)).not.toThrow();
      const report = guardReportOf(raw);
      for (const note of report?.notes ?? []) expect(typeof note.message).toBe("string");
      const failureText = JSON.stringify({
        error: { kind: ["rejected", "timeout", "failed", 3][i % 4], message: junk(), reasons: junk() },
      });
      const failure = cypherFailureOf(failureText);
      for (const reason of failure?.reasons ?? []) expect(reason.message.length).toBeLessThanOrEqual(2_000);
    }
    const hostile = { code: "<b>x</b>", message: "<img src=x onerror=alert(1)>" };
    const text = JSON.stringify({ error: { kind: "rejected", message: "m", reasons: [hostile] } });
    render(<CypherCard tool={{ ...run(), result: result(text, { isError: true }) }} open />);
    expect(await screen.findByRole("list", { name: en.guardReasons })).toHaveTextContent("onerror=alert");
    expect(document.querySelector("img")).toBeNull();
  });
});

describe("<CypherCard> hints under a guard's refusal", () => {
  it("gives the guard's reasons and no tenant-scoping hint (the server scopes every query)", async () => {
    const query = "MATCH (s:Span) DETACH DELETE s";
    const refused = JSON.stringify({
      error: {
        kind: "rejected",
        message: "The query was not run.",
        reasons: [{ code: "write", message: "Queries may only read." }],
      },
      query,
    });
    const timedOut = JSON.stringify({
      error: { kind: "timeout", message: "No answer within 15000 ms.", reasons: [] },
      query,
    });
    render(
      <>
        <CypherCard tool={{ ...run(query), result: result(refused, { isError: true }) }} open />
        <CypherCard tool={{ ...run(query), result: result(timedOut, { isError: true }) }} open />
      </>,
    );
    // Once the timed-out card's hints are in (the hints' chunk has loaded), the refused card has none.
    const [hints] = await screen.findAllByRole("list", { name: en.hints });
    expect(screen.getAllByRole("list", { name: en.hints })).toHaveLength(1);
    expect(hints!.closest("[data-kind]")).toHaveAttribute("data-kind", "timeout");
    expect(await screen.findByRole("list", { name: en.guardReasons })).toBeInTheDocument();
  });
});
