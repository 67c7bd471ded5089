import { describe, expect, it } from "vitest";
import { ar, de, en, type TracyLabels } from "../../src";
import { createFormat, type Count } from "../../src/labels/format";

type FunctionKey = {
  [K in keyof TracyLabels]: TracyLabels[K] extends (...args: never[]) => string ? K : never;
}[keyof TracyLabels];

// Type level: `de` and `ar` are written `satisfies TracyLabels`, so a label missing from one, or one it has
// that English does not, fails to compile.

const D = "zqdata";
/** A protocol name stands in for an event type: data, not words. */
const EVENT = "zq.zqevent";

/** Sample calls of every function label; typed, so a new function label needs its samples here. */
function samples(counts: (n: number) => Count): { [K in FunctionKey]: Parameters<TracyLabels[K]>[] } {
  const c = [0, 1, 2, 3, 11, 100, 1234].map(counts);
  const size = { shown: "4000", total: "12000" };
  return {
    phaseRunningTool: [[D]],
    exportHeading: [[D], [null]],
    exportSessionLine: [[D]],
    exportToolCall: [[D, D]],
    exportToolResultCut: c.map((x) => [x]),
    hintTenant: [[{ property: "tenant_id", parameter: "tenant" }]],
    phaseRunningHere: [[D], [null]],
    errorFailedTitle: [
      ...(["send", "connect", "load", "stop", "confirm", "tool-result"] as const).map(
        (action) => [{ action, tool: null }] as [{ action: typeof action; tool: null }],
      ),
      [{ action: "tool-result", tool: D }],
    ],
    errorCredentialsDetail: [[""], [`${D}.`]],
    errorStreamEndedDetail: [[`${D}.`]],
    errorForbiddenDetail: [[""], [`${D}.`]],
    errorRateLimitedDetail: [["30"], [null]],
    errorUnavailableDetail: [[503]],
    errorToolInterruptedTitle: [[D]],
    problemNotEventStream: [["zqtext/zqhtml"], [""]],
    problemStreamEnded: c.map((x) => [x]),
    errorLine: [[{ title: D, detail: D }]],
    warningUnreadableEvent: [[D], [null]],
    decodeFailure: [
      [{ code: "not-object" }],
      [{ code: "no-type" }],
      [{ code: "missing-field", type: EVENT, field: "zq.zqfield" }],
      [{ code: "invalid-field", type: EVENT, field: "zqinput" }],
      [{ code: "malformed", type: EVENT }],
    ],
    warningUnreadableHistory: c.map((x) => [x]),
    warningUnshownEvents: c.map((x) => [x]),
    showEarlier: c.map((x) => [x]),
    jumpToLatest: c.map((x) => [x]),
    notSent: [[{ title: D, detail: D }], [null]],
    messageShowing: [[size]],
    threadTo: [[D]],
    threadFrom: [[D]],
    threadToLabel: [[D]],
    threadFromLabel: [[D]],
    sessionErrorType: [["zqmcp_zqfailed_error"]],
    clippedCharacters: c.map((x) => [x]),
    noticeThreadCreated: [[D]],
    markdownImage: [[D], [null]],
    codeRegion: [[D], [null]],
    showAllRows: c.map((x) => [x]),
    confirmationDenied: [[D], [null]],
    toolCall: [[D]],
    statusWithDuration: [[D, D]],
    durationMilliseconds: [["12"]],
    durationSeconds: [["1.5"]],
    durationMinutes: [
      ["2", "5"],
      ["2", null],
    ],
    pendingDenied: [[D], [null]],
    outputShowing: [[size]],
    toolImageAlt: [["zqimage/zqpng"]],
    mediaDocument: [[D], [null]],
    mediaLink: [[D, "https://zqdata.example"]],
    mediaUnsafeLink: [[D]],
    mediaFile: [[D, "file_zq"]],
    mediaNotShown: [[D, "zq/zqpdf"]],
    rowCount: c.map((x) => [x]),
    nodeCount: c.map((x) => [x]),
    hintElementId: [["zqn"]],
    hintDeep: [[3]],
    rowsShowing: [[size]],
    pageRange: [[D, "1", "50", "120"]],
    listPages: [[D]],
    graphCanvas: c.map((x) => [x, x]),
    zoomLevel: [["125%"]],
    graphCapped: [["200", "1,234"]],
    usageSummary: [[{ input: "1200", cached: "30000", output: "800" }]],
    usageCost: [
      ["$0.12", null],
      ["$0.12", "$5.00"],
    ],
    usageBudgetReached: [["$5.00"], [null]],
    usageTurn: [["3"]],
    usageCacheShare: [["42%"]],
  };
}

/** Every label of `labels` in words: strings as they are, functions called with each sample. */
function wordings(labels: Readonly<TracyLabels>, locale: string): Map<keyof TracyLabels, string[]> {
  const format = createFormat(locale);
  const calls = samples((n) => format.count(n)) as Record<string, unknown[][]>;
  const out = new Map<keyof TracyLabels, string[]>();
  for (const key of Object.keys(en) as (keyof TracyLabels)[]) {
    const value: unknown = labels[key];
    if (typeof value === "function") {
      const fn = value as (...args: unknown[]) => unknown;
      out.set(
        key,
        calls[key]!.map((args) => String(fn(...args))),
      );
    } else {
      out.set(key, [String(value)]);
    }
  }
  return out;
}

/** Words that stay as they are in German: names, formats, units and code. */
const SHARED_WORDS = new Set(
  "in s optional Tracy Cypher CSV JSON Markdown HTTP Trace Code Graph Cache Token Tokens Prompt Span Sub Agent Parameter null min ms Enter Shift Tab Zoom Labels id elementId tenant_id tenant MATCH Span start_time trace_id backend headers image png https example".split(
    " ",
  ),
);

/** Labels whose wording is the same in every language (names, formats, data only). */
const SAME_EVERYWHERE = new Set<keyof TracyLabels>([
  "title",
  "agent",
  "csv",
  "json",
  "cellNull",
  "mediaPdf",
  "replyPending",
  "errorLine",
  "statusWithDuration",
  "mediaLink",
  "usageCost",
]);

const latinWords = (text: string) => new Set((text.match(/[A-Za-z_]+/g) ?? []).filter((w) => !/zq/i.test(w)));

describe.each([
  ["de", de, "de-DE"],
  ["ar", ar, "ar"],
] as const)("the %s translation", (name, labels, locale) => {
  it("has every label of the English, and nothing else", () => {
    expect(Object.keys(labels).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof TracyLabels)[]) expect(typeof labels[key], key).toBe(typeof en[key]);
  });

  it("words every label with sample data: never empty, never left in English", () => {
    const english = wordings(en, "en-US");
    const leftInEnglish: string[] = [];
    for (const [key, texts] of wordings(labels, locale)) {
      texts.forEach((text, i) => {
        expect(text.trim(), key).not.toBe("");
        expect(text, key).not.toMatch(/undefined|\[object|NaN/);
        if (SAME_EVERYWHERE.has(key)) return;
        const leftover = [...latinWords(text)].filter(
          (w) => latinWords(english.get(key)![i]!).has(w) && !SHARED_WORDS.has(w),
        );
        if (leftover.length > 0) leftInEnglish.push(`${key}: ${leftover.join(" ")} in ${JSON.stringify(text)}`);
        if (name === "ar" && !/[\u0600-\u06FF]/.test(text))
          leftInEnglish.push(`${key}: no Arabic in ${JSON.stringify(text)}`);
      });
    }
    expect(leftInEnglish).toEqual([]);
  });

  it("keeps the data it is given", () => {
    expect(labels.toolCall("zqtool")).toContain("zqtool");
    expect(labels.errorUnavailableDetail(503)).toContain("503");
    expect(labels.hintDeep(3)).toContain("*1..3");
    expect(labels.hintElementId("zqv")).toContain("`elementId(zqv)`");
  });
});

describe("Arabic plurals", () => {
  const format = createFormat("ar");
  it("take each of the six forms Intl.PluralRules gives", () => {
    const rows = [0, 1, 2, 3, 11, 100].map((n) => ar.rowCount(format.count(n)));
    expect(new Set(rows).size).toBe(6);
    expect(rows[1]).toBe("صف واحد");
    expect(rows[2]).toBe("صفّان");
    expect(rows[3]).toBe(`${format.number(3)} صفوف`);
    expect(rows[4]).toBe(`${format.number(11)} صفًا`);
    expect(rows[5]).toBe(`${format.number(100)} صف`);
  });
});

describe("German plurals", () => {
  const format = createFormat("de-DE");
  it("agree with the count", () => {
    expect(de.rowCount(format.count(1))).toBe("1 Zeile");
    expect(de.rowCount(format.count(1234))).toBe("1.234 Zeilen");
  });
});
