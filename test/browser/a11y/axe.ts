import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import type { AxeResults, ImpactValue, Result as AxeRule, RunOptions } from "axe-core";
import type { Page } from "playwright-core";
import type { EnginePage } from "../engines/page-driver";

/** Shared by the axe suites: run axe-core in a page of any engine, print every violation, write the JSON reports. */
const AXE_PATH = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const REPORT_DIR = resolve(import.meta.dirname, "../../../test-results/a11y");
/** The impacts that fail a check; the others are printed and reported only. */
export const BLOCKING: ImpactValue[] = ["serious", "critical"];

export interface Finding {
  id: string;
  impact: ImpactValue | null | undefined;
  help: string;
  helpUrl: string;
  /** `where`: "panel" inside `.tracy-panel` (the package), else the page around it (host page, story scaffolding). */
  nodes: { target: string; where: string; html: string; summary: string }[];
}

export interface AxeRun {
  findings: Finding[];
  passes: number;
}

/**
 * Runs axe on `include` (a selector; the whole document by default) once transitions have settled, so colour
 * contrast is measured on final colours. Nodes outside `.tracy-panel` are marked as `outside`.
 */
export async function runAxe(
  target: Page | Pick<EnginePage, "evaluate">,
  { include, outside }: { include?: string; outside: string },
): Promise<AxeRun> {
  const page: Pick<EnginePage, "evaluate"> =
    "addScriptTag" in target ? { evaluate: (fn, arg) => target.evaluate(fn, arg as never) } : target;
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  if (!(await page.evaluate(() => "axe" in window))) {
    if ("addScriptTag" in target) await target.addScriptTag({ path: AXE_PATH });
    // Other engines: the same source, evaluated globally (the pages axe checks here have no CSP).
    else await page.evaluate((source) => void (0, eval)(source), readFileSync(AXE_PATH, "utf8"));
  }
  const results = await page.evaluate(
    (selector) =>
      (
        window as unknown as {
          axe: { run(context: Document | { include: string[] }, options: RunOptions): Promise<AxeResults> };
        }
      ).axe.run(selector ? { include: [selector] } : document, {
        // Every node of every violation, one node per passing rule: a quarter faster on long transcripts.
        resultTypes: ["violations"],
      }),
    include ?? null,
  );
  const findings = results.violations.map(toFinding);
  const targets = findings.flatMap((f) => f.nodes.map((n) => n.target));
  const inPanel = await page.evaluate((selectors) => {
    return selectors.map((sel) => {
      try {
        return !!document.querySelector(sel)?.closest(".tracy-panel");
      } catch {
        return false;
      }
    });
  }, targets);
  let i = 0;
  for (const f of findings) for (const n of f.nodes) n.where = inPanel[i++] ? "panel" : outside;
  return { findings, passes: results.passes.length };
}

/** Prints every finding of `run` under `label`; returns the blocking ones, formatted. */
export function logFindings(label: string, { findings, passes }: AxeRun): string[] {
  const lines = findings.map(formatFinding);
  console.info(
    lines.length
      ? `axe [${label}]: ${lines.length} violation(s)\n  ${lines.join("\n  ")}`
      : `axe [${label}]: no violations (${passes} rules passed)`,
  );
  return blocking(findings);
}

export function blocking(findings: Finding[]): string[] {
  return findings.filter((f) => f.impact && BLOCKING.includes(f.impact)).map(formatFinding);
}

/** Writes `report` (findings by state or story) to `test-results/a11y/<file>`. */
export function writeReport(file: string, report: Record<string, Finding[]>): void {
  mkdirSync(REPORT_DIR, { recursive: true });
  writeFileSync(resolve(REPORT_DIR, file), `${JSON.stringify(report, null, 2)}\n`);
}

function toFinding(v: AxeRule): Finding {
  return {
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({
      target: n.target.map((t) => (Array.isArray(t) ? t.join(" >>> ") : String(t))).join(" "),
      where: "",
      html: n.html.length > 160 ? `${n.html.slice(0, 160)}…` : n.html,
      summary: (n.failureSummary ?? "").replace(/\s+/g, " ").trim(),
    })),
  };
}

function formatFinding(f: Finding): string {
  const nodes = f.nodes.map((n) => `[${n.where}] ${n.target}  ${n.html}\n        ${n.summary}`).join("\n      ");
  return `${f.impact ?? "?"} ${f.id}: ${f.help} (${f.nodes.length} node(s))\n      ${nodes}`;
}
