// @vitest-environment node
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { beforeAll, describe, expect, it } from "vitest";
import { DIST_ENTRY, ensureBuilt, ROOT } from "./ensure-build";

/**
 * The published package: publint (package.json vs. the packed files) and "Are the types wrong?" (types resolve
 * for every ESM consumer: node16/nodenext and bundler resolution). Both pack the repo with `npm pack`, so they
 * see exactly what would be published. The package is ESM-only, hence attw's `esm-only` profile (node10 and
 * require() from CJS are not supported). `./styles.css` is a CSS entry with no types by design, so attw skips it.
 */
const pkg = JSON.parse(readFileSync(resolve(ROOT, "package.json"), "utf8")) as {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};

beforeAll(() => ensureBuilt(), 300_000);

describe("package lint", () => {
  it("publint: no errors, warnings or suggestions", async () => {
    const { messages, pkg: linted } = await publint({ pkgDir: ROOT, level: "suggestion", pack: "npm" });
    const report = messages.map((m) => `${m.type}: ${formatMessage(m, linted, { color: false }) ?? m.code}`);
    expect(report).toEqual([]);
  }, 120_000);

  it("attw --profile esm-only: types resolve for node16 (ESM) and bundler", () => {
    const attw = resolve(ROOT, "node_modules/.bin/attw");
    const args = ["--pack", ".", "--format", "json", "--profile", "esm-only", "--exclude-entrypoints", "./styles.css"];
    let stdout: string;
    let exitCode = 0;
    try {
      stdout = execFileSync(attw, args, { cwd: ROOT, encoding: "utf8", timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      const e = error as { status?: number; stdout?: string; stderr?: string; message: string };
      if (!e.stdout) throw new Error(`attw failed to run: ${e.message}\n${e.stderr ?? ""}`, { cause: error });
      stdout = e.stdout;
      exitCode = e.status ?? 1;
    }
    const result = JSON.parse(stdout) as { problems?: Record<string, AttwProblem[]> | AttwProblem[] };
    const all = Array.isArray(result.problems) ? result.problems : Object.values(result.problems ?? {}).flat();
    // The esm-only profile ignores node10 and require() from CJS; everything else must be clean.
    const ignored = (p: AttwProblem) =>
      p.resolutionKind === "node10" || p.resolutionKind === "node16-cjs" || p.resolutionOption === "node10";
    const problems = all.filter((p) => !ignored(p)).map(describeProblem);
    expect(problems).toEqual([]);
    expect(exitCode).toBe(0);
  }, 150_000);

  it("the build imports only declared dependencies and peers, and no CSS (hosts import styles.css)", () => {
    const js = readFileSync(DIST_ENTRY, "utf8");
    const core = readFileSync(resolve(ROOT, "dist/core.js"), "utf8");
    // The entries and the chunks the root entry loads lazily.
    const chunks = readdirSync(resolve(ROOT, "dist/chunks")).filter((f) => f.endsWith(".js"));
    const code = [js, core, ...chunks.map((f) => readFileSync(resolve(ROOT, "dist/chunks", f), "utf8"))].join("\n");
    const specifiers = [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)].map((m) => m[1]!);
    const declared = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
    const packageOf = (s: string) => (s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : s.split("/")[0]!);
    const undeclared = specifiers.filter((s) => !s.startsWith(".") && !declared.includes(packageOf(s)));
    expect(undeclared).toEqual([]);
    expect(specifiers.filter((s) => s.endsWith(".css"))).toEqual([]);
    expect(js.startsWith('"use client"')).toBe(true);
    // Each lazy import names a chunk in dist/chunks/.
    const lazy = [...js.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);
    expect(lazy.length).toBeGreaterThan(0);
    expect(lazy.filter((s) => !chunks.includes(s.replace(/^\.\/chunks\//, "")))).toEqual([]);
  });

  it("the ./core entry is framework-free: no React in its code or its declarations, and no client directive", () => {
    const core = readFileSync(resolve(ROOT, "dist/core.js"), "utf8");
    const types = readFileSync(resolve(ROOT, "dist/types/core.d.ts"), "utf8");
    const imports = (text: string) => [...text.matchAll(/\bfrom\s*["']([^"']+)["']/g)].map((m) => m[1]!);
    expect(imports(core).filter((s) => /^react(-dom)?(\/|$)/.test(s))).toEqual([]);
    expect(imports(types).filter((s) => /^react(-dom)?(\/|$)/.test(s))).toEqual([]);
    expect(core.startsWith('"use client"')).toBe(false);
  });

  it("the published declarations leave the fold's bookkeeping out of Transcript", () => {
    for (const entry of ["index", "core"]) {
      const types = readFileSync(resolve(ROOT, `dist/types/${entry}.d.ts`), "utf8");
      const transcript = /export declare interface Transcript \{([\s\S]*?)\n\}/.exec(types)?.[1] ?? "";
      expect(transcript, entry).toContain("items:");
      expect(transcript, entry).not.toMatch(/^\s*(log|pausedIds|orphanResults|lastEventId|openToolIds)\??:/m);
    }
  });

  it("the tarball holds the build and its lazy chunks, the types, README and CHANGELOG, and nothing else", () => {
    const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    const files = (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    const required = [
      "package.json",
      "README.md",
      "CHANGELOG.md",
      "dist/index.js",
      "dist/core.js",
      "dist/styles.css",
      "dist/types/index.d.ts",
      "dist/types/core.d.ts",
      "dist/chunks/cypher-syntax.js",
      "dist/chunks/graph-view.js",
      "dist/chunks/raw-json.js",
    ];
    expect(required.filter((f) => !files.includes(f))).toEqual([]);
    const unexpected = files.filter(
      (f) =>
        !/^(package\.json|README\.md|CHANGELOG\.md|LICENSE(\.md)?|dist\/(index|core|chunks\/[\w-]+)\.js(\.map)?|dist\/styles\.css|dist\/types\/(index|core)\.d\.ts)$/.test(
          f,
        ),
    );
    expect(unexpected).toEqual([]);
  });
});

interface AttwProblem {
  kind: string;
  entrypoint?: string;
  resolutionKind?: string;
  resolutionOption?: string;
  fileName?: string;
  moduleSpecifier?: string;
}

function describeProblem(p: AttwProblem): string {
  const where = [
    p.entrypoint && `entry ${p.entrypoint}`,
    p.resolutionKind ?? p.resolutionOption,
    p.fileName?.replace(/^\/node_modules\/@clawtrace\/tracy-panel\//, ""),
  ]
    .filter(Boolean)
    .join(", ");
  return `${p.kind} (${where})${p.moduleSpecifier ? `: cannot resolve "${p.moduleSpecifier}"` : ""}`;
}
