// @vitest-environment node
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import type { TracyPanelProps } from "../../src/index";
import { DIST_ENTRY, ensureBuilt, ROOT } from "./ensure-build";
import { guardAndUse } from "./fixtures/touches-document";

/**
 * Server rendering: importing the package and rendering the panel on a server (no DOM) must not touch any
 * browser global. Getters on `globalThis` record every access. A guard such as `typeof document !== "undefined"`
 * is how code stays SSR-safe, but it runs the getter too, so each access is classified by reading the source at
 * its call site (source-mapped to `src/`): `typeof <name>` is a guard and allowed, anything else is a use.
 *
 * Three ways in: `src/index.ts` and `dist/index.js` through Vitest, and the published entry in a plain Node
 * process by the package's own name (self-reference through the `exports` map, Node's own ESM loader).
 */
const BROWSER_GLOBALS = [
  "window",
  "document",
  "localStorage",
  "sessionStorage",
  "requestAnimationFrame",
  "navigator",
] as const;

interface RawAccess {
  name: string;
  phase: string;
  stack: string;
}

interface Site {
  file: string;
  line: number;
  column: number;
}

/**
 * Replaces each browser global with a recording getter/setter (keeping the value: absent stays `undefined`) and
 * returns the function that puts the original descriptors back. Written as plain JS in a string as well, for the
 * child Node process below.
 */
const SPY_SOURCE = `(names, record) => {
  const saved = new Map();
  for (const name of names) {
    const original = Object.getOwnPropertyDescriptor(globalThis, name);
    saved.set(name, original);
    let value = original && "value" in original ? original.value : original?.get?.call(globalThis);
    Object.defineProperty(globalThis, name, {
      configurable: true,
      enumerable: false,
      get() { record(name, new Error().stack ?? ""); return value; },
      set(next) { record(name, new Error().stack ?? ""); value = next; },
    });
  }
  return () => {
    for (const [name, original] of saved) {
      if (original) Object.defineProperty(globalThis, name, original);
      else delete globalThis[name];
    }
  };
}`;
const installSpies = (0, eval)(SPY_SOURCE) as (
  names: readonly string[],
  record: (name: string, stack: string) => void,
) => () => void;

const THIS_FILE = fileURLToPath(import.meta.url);

/** The first stack frame outside this test (and outside the spy itself). */
function callSite(stack: string): Site | null {
  for (const frame of stack.split("\n").slice(1)) {
    const m = /\(?((?:file:\/\/)?\/[^()\s]+?):(\d+):(\d+)\)?\s*$/.exec(frame.trim());
    if (!m) continue;
    const file = m[1]!.startsWith("file://") ? fileURLToPath(m[1]!) : m[1]!;
    if (file === THIS_FILE || file.includes("[eval")) continue;
    return { file, line: Number(m[2]), column: Number(m[3]) };
  }
  return null;
}

/** Is the access at this site the operand of `typeof`? */
function isTypeofGuard(name: string, site: Site): boolean {
  let text: string;
  try {
    text = readFileSync(site.file.replace(/\?.*$/, ""), "utf8");
  } catch {
    return false;
  }
  const line = text.split("\n")[site.line - 1] ?? "";
  // V8 points at the identifier or at `typeof`; look at the code just around it.
  const around = line.slice(Math.max(0, site.column - 1 - 40), site.column - 1 + name.length + 12);
  return new RegExp(`typeof\\s*\\(?\\s*(?:globalThis\\.|self\\.|window\\.)?${name}\\b`).test(around);
}

function classify(accesses: RawAccess[]) {
  const uses: string[] = [];
  const guards = new Set<string>();
  for (const a of accesses) {
    const site = callSite(a.stack);
    const where = site ? `${site.file.replace(`${ROOT}/`, "")}:${site.line}:${site.column}` : a.stack;
    if (site && isTypeofGuard(a.name, site)) guards.add(`typeof ${a.name} at ${where}`);
    else uses.push(`${a.phase}: ${a.name} at ${where}`);
  }
  return { uses, guards: [...guards] };
}

type PanelModule = { TracyPanel: ComponentType<TracyPanelProps> };
type From = "src" | "dist" | "node";
const html: Record<From, string> = { src: "", dist: "", node: "" };
const accesses: Record<From, RawAccess[]> = { src: [], dist: [], node: [] };

function render({ TracyPanel }: PanelModule) {
  return renderToString(<TracyPanel tenantId="acme" backend={{ baseUrl: "/api/tracy" }} />);
}

/** In a plain Node process: spy, import the package by name, render, print the markup and the accesses. */
const NODE_SCRIPT = `
import { createElement } from "react";
import { renderToString } from "react-dom/server";
const accesses = [];
let phase = "import @clawtrace/tracy-panel";
const restore = (${SPY_SOURCE})(${JSON.stringify(BROWSER_GLOBALS)}, (name, stack) => accesses.push({ name, phase, stack }));
let html;
try {
  const { TracyPanel } = await import("@clawtrace/tracy-panel");
  phase = "render";
  html = renderToString(createElement(TracyPanel, { tenantId: "acme", backend: { baseUrl: "/api/tracy" } }));
} finally {
  restore();
}
process.stdout.write(JSON.stringify({ html, accesses, window: typeof window, document: typeof document }));
`;

beforeAll(async () => {
  ensureBuilt();

  let phase = "";
  let into: RawAccess[] = accesses.src;
  const restore = installSpies(BROWSER_GLOBALS, (name, stack) => into.push({ name, phase, stack }));
  try {
    phase = "import src/index.ts";
    const fromSrc = (await import("../../src/index")) as PanelModule;
    phase = "render";
    html.src = render(fromSrc);
    // The dependencies are cached by now: what they touch on import was recorded under src.
    into = accesses.dist;
    phase = "import dist/index.js";
    const fromDist = (await import(/* @vite-ignore */ DIST_ENTRY)) as PanelModule;
    phase = "render";
    html.dist = render(fromDist);
  } finally {
    restore();
  }

  const out = execFileSync(process.execPath, ["--enable-source-maps", "--input-type=module", "-e", NODE_SCRIPT], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
  });
  const node = JSON.parse(out) as { html: string; accesses: RawAccess[]; window: string; document: string };
  expect([node.window, node.document]).toEqual(["undefined", "undefined"]);
  html.node = node.html;
  accesses.node = node.accesses;
}, 300_000);

describe("server rendering (no DOM)", () => {
  it("runs without window and document, and puts the globals back", () => {
    expect(typeof window).toBe("undefined");
    expect(typeof document).toBe("undefined");
    for (const name of BROWSER_GLOBALS) {
      const d = Object.getOwnPropertyDescriptor(globalThis, name);
      expect(d?.get, `${name} getter left behind`).toBeUndefined();
    }
  });

  it.each(["src", "dist", "node"] as const)("renders the panel markup (%s)", (from) => {
    const out = html[from];
    expect(out).toMatch(/^<section class="tracy-panel"/);
    expect(out).toContain('aria-label="Tracy assistant"');
    expect(out).toContain('data-theme="auto"');
    expect(out).toMatch(/<h2 class="tracy-title">Tracy<\/h2>/);
    // The message box, labelled "Message Tracy" by a <label for> (ids from useId).
    const box = /<label for="([^"]+)"[^>]*>Message Tracy<\/label><textarea id="([^"]+)"/.exec(out);
    expect(box, "labelled message box").not.toBeNull();
    expect(box![1]).toBe(box![2]);
    expect(out).toContain("Ask Tracy why a trace is slow");
    expect(out).toMatch(/role="log"[^>]*aria-live="polite"/);
  });

  it("renders the same markup from the sources, the build and plain Node", () => {
    expect(html.dist).toBe(html.src);
    expect(html.node).toBe(html.src);
  });

  it.each(["src", "dist", "node"] as const)("touches no browser global on import or render (%s)", (from) => {
    const { uses, guards } = classify(accesses[from]);
    if (guards.length) console.info(`[${from}] SSR guards (allowed):\n  ${guards.join("\n  ")}`);
    expect(uses).toEqual([]);
  });

  it("the spy tells a typeof guard from a use", () => {
    const seen: RawAccess[] = [];
    const restore = installSpies(["document"], (name, stack) => seen.push({ name, phase: "self-check", stack }));
    try {
      guardAndUse();
    } finally {
      restore();
    }
    const { uses, guards } = classify(seen);
    expect(guards).toEqual([
      expect.stringMatching(/^typeof document at test\/package\/fixtures\/touches-document\.ts:3:/),
    ]);
    expect(uses).toEqual([
      expect.stringMatching(/^self-check: document at test\/package\/fixtures\/touches-document\.ts:5:/),
    ]);
  });
});
