import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve, sep } from "node:path";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoServer, type DemoServer } from "../../../dev/server/start-demo-server";
import { ensureBuilt, ROOT } from "../../package/ensure-build";
import { launchChromium } from "../chromium";
import { en } from "../../helpers/labels";

/**
 * The published package in a host app, as a host would use it: `npm pack` the repo, then two fresh Vite + React
 * apps outside the repo (React 19 and React 18.3) install the tarball and their dependencies from the registry,
 * import the panel and its stylesheet exactly as the README says, typecheck against the published types, build
 * with `vite build`, and are served as static files. In Chromium each one asks Tracy a question against the demo
 * backend (a separate origin, over CORS) and sees the streamed answer, a run_cypher card, and the panel's styles.
 */
const run = promisify(execFile);
/** The exact versions installed in the repo, so the warm npm cache serves them. */
const installed = (name: string) =>
  (JSON.parse(readFileSync(resolve(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string })
    .version;

const APPS = [
  { name: "react19", react: "^19.0.0", types: "^19.0.0" },
  { name: "react18", react: "~18.3.1", types: "~18.3.0" },
] as const;
type AppName = (typeof APPS)[number]["name"];

interface App {
  dir: string;
  url: string;
  server: Server;
  installMs: number;
  buildMs: number;
}

let work: string;
let tarball: string;
let backend: DemoServer;
let browser: Browser;
const apps = new Map<AppName, App>();

/** npm without the variables `npm run` sets for this repo (they would point npm at the repo's package). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^npm_(package|lifecycle)_/i.test(k) && k !== "INIT_CWD") env[k] = v;
  }
  return { ...env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1", CI: "true" };
}

async function sh(what: string, cmd: string, args: string[], cwd: string, timeout: number) {
  try {
    return await run(cmd, args, { cwd, env: cleanEnv(), timeout, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const e = error as { code?: unknown; killed?: boolean; stdout?: string; stderr?: string; message: string };
    const tail = (s = "") => s.trim().split("\n").slice(-30).join("\n");
    throw new Error(
      `${what} failed${e.killed ? ` (timed out after ${timeout / 1000} s)` : ""}: \`${cmd} ${args.join(" ")}\` in ${cwd}\n` +
        `${tail(e.stderr)}\n${tail(e.stdout)}`,
      { cause: error },
    );
  }
}

function writeApp(dir: string, app: (typeof APPS)[number]) {
  mkdirSync(join(dir, "src"), { recursive: true });
  const pkg = {
    name: `tracy-consumer-${app.name}`,
    private: true,
    type: "module",
    dependencies: {
      "@clawtrace/tracy-panel": `file:${tarball}`,
      react: app.react,
      "react-dom": app.react,
    },
    devDependencies: {
      vite: installed("vite"),
      "@vitejs/plugin-react": installed("@vitejs/plugin-react"),
      typescript: installed("typescript"),
      "@types/react": app.types,
      "@types/react-dom": app.types,
    },
  };
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  writeFileSync(
    join(dir, "index.html"),
    `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <link rel="icon" href="data:," />
    <title>Tracy consumer (${app.name})</title>
  </head>
  <body>
    <main style="height: 640px; max-width: 720px">
      <div id="root" style="height: 100%"></div>
    </main>
    <script type="module" src="/src/main.tsx"></script>
  </body>
</html>
`,
  );
  // What the README tells hosts, plus one line that records which React actually runs.
  writeFileSync(
    join(dir, "src/main.tsx"),
    `import { StrictMode, version } from "react";
import { createRoot } from "react-dom/client";
import { TracyPanel } from "@clawtrace/tracy-panel";
import "@clawtrace/tracy-panel/styles.css";

declare const DEMO_URL: string;

document.body.dataset.reactVersion = version;
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <TracyPanel tenantId="acme" traceId="t-1" backend={{ baseUrl: DEMO_URL }} />
  </StrictMode>,
);
`,
  );
  writeFileSync(
    join(dir, "vite.config.ts"),
    `import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  define: { DEMO_URL: JSON.stringify(process.env.DEMO_URL) },
  logLevel: "warn",
});
`,
  );
  // A strict host tsconfig, checking the published declarations too (skipLibCheck off).
  writeFileSync(
    join(dir, "tsconfig.json"),
    `${JSON.stringify(
      {
        compilerOptions: {
          target: "ES2022",
          lib: ["ES2022", "DOM", "DOM.Iterable"],
          module: "ESNext",
          moduleResolution: "Bundler",
          jsx: "react-jsx",
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        include: ["src"],
      },
      null,
      2,
    )}\n`,
  );
}

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".map": "application/json",
};

/** A tiny static server for the built app. */
async function serve(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root + sep) && file !== root) {
      res.writeHead(403).end();
      return;
    }
    if (path.endsWith("/")) file = join(file, "index.html");
    if (!existsSync(file)) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": MIME[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

async function setUpApp(app: (typeof APPS)[number]): Promise<void> {
  const dir = join(work, app.name);
  writeApp(dir, app);
  const t0 = Date.now();
  await sh(
    `npm install from the registry (${app.name}: react ${app.react}, vite ${installed("vite")})`,
    "npm",
    ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"],
    dir,
    600_000,
  );
  const installMs = Date.now() - t0;
  const t1 = Date.now();
  const bin = (name: string) => join(dir, "node_modules/.bin", name);
  await sh(`typecheck of the ${app.name} app against the published types`, bin("tsc"), ["-p", "."], dir, 300_000);
  await sh(`vite build of the ${app.name} app`, bin("vite"), ["build"], dir, 300_000);
  const buildMs = Date.now() - t1;
  const { server, url } = await serve(join(dir, "dist"));
  apps.set(app.name, { dir, url, server, installMs, buildMs });
}

beforeAll(async () => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), "tracy-consumer-"));
  const packDir = join(work, "pack");
  mkdirSync(packDir);
  const { stdout } = await sh(
    "npm pack of the repo",
    "npm",
    ["pack", "--json", "--pack-destination", packDir],
    ROOT,
    300_000,
  );
  const [packed] = JSON.parse(stdout.slice(stdout.indexOf("["))) as { filename: string }[];
  tarball = join(packDir, packed!.filename);
  expect(existsSync(tarball), tarball).toBe(true);

  backend = await startDemoServer({ port: 0, speed: 8 });
  process.env.DEMO_URL = backend.url;
  const [launched] = await Promise.all([launchChromium(), ...APPS.map(setUpApp)]);
  browser = launched;
  // Hang detectors, not speed budgets: two apps install and build at once, beside other browser suites.
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([...apps.values()].map((a) => new Promise((ok) => a.server.close(ok))));
  await backend?.close();
  delete process.env.DEMO_URL;
  if (work) rmSync(work, { recursive: true, force: true });
}, 60_000);

describe.each(APPS)("consumer app with $name", (app) => {
  it("installs one React, the requested one, and the package without its own copy", () => {
    const { dir, installMs, buildMs } = apps.get(app.name)!;
    console.info(`${app.name}: npm install ${installMs} ms, typecheck + vite build ${buildMs} ms`);
    const reactVersion = (
      JSON.parse(readFileSync(join(dir, "node_modules/react/package.json"), "utf8")) as { version: string }
    ).version;
    expect(reactVersion).toMatch(app.name === "react18" ? /^18\.3\./ : /^19\./);
    expect(existsSync(join(dir, "node_modules/@clawtrace/tracy-panel/node_modules/react"))).toBe(false);
    expect(existsSync(join(dir, "node_modules/@clawtrace/tracy-panel/dist/styles.css"))).toBe(true);
  });

  it("keeps the package's lazy parts in chunks of their own", () => {
    const { dir } = apps.get(app.name)!;
    const scripts = readdirSync(join(dir, "dist/assets")).filter((f) => f.endsWith(".js"));
    const parts = ["cypher-syntax", "graph-view", "raw-json"];
    expect(parts.filter((part) => !scripts.some((f) => f.startsWith(`${part}-`)))).toEqual([]);
  });

  it("asks Tracy a question and sees the streamed answer, a run_cypher card and the panel's styles", async () => {
    const { url } = apps.get(app.name)!;
    const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("response", (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
    });
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console.error: ${m.text()}`);
    });
    try {
      await page.goto(url);
      const panel = page.getByRole("region", { name: en.panel });
      await panel.waitFor({ timeout: 20_000 });
      expect(await page.evaluate(() => document.body.dataset.reactVersion)).toMatch(
        app.name === "react18" ? /^18\.3\./ : /^19\./,
      );

      const box = panel.getByRole("textbox", { name: en.composerLabel });
      await box.fill("Why is checkout slow in this trace?");
      await box.press("Enter");
      await panel.locator('.tracy-message[data-role="user"]', { hasText: "Why is checkout slow" }).waitFor();

      const card = panel.getByRole("group", { name: /Tool call run_cypher/ }).first();
      await card.waitFor({ timeout: 30_000 });
      await expect.poll(() => card.getByRole("button").first().textContent(), { timeout: 30_000 }).toMatch(/\d+ rows/);
      await panel.getByRole("status").getByText(en.phaseReady).waitFor({ timeout: 30_000 });
      const answer = panel.locator('.tracy-message[data-role="agent"]').last();
      expect((await answer.textContent())?.trim().length).toBeGreaterThan(40);
      expect(await answer.locator("table").count()).toBeGreaterThan(0);
      // Opened, the card shows its query highlighted: the highlighter's chunk was fetched and ran.
      await card.getByRole("button").first().click();
      await card.locator("pre.tracy-cy .tracy-cy-kw").first().waitFor({ timeout: 10_000 });

      // The stylesheet is applied: the panel's border and custom properties, and the card's own styles.
      const styles = await page.evaluate(() => {
        const root = document.querySelector(".tracy-panel")!;
        const s = getComputedStyle(root);
        const c = getComputedStyle(document.querySelector(".tracy-tool")!);
        return {
          border: `${s.borderTopWidth} ${s.borderTopStyle}`,
          accent: s.getPropertyValue("--tracy-accent").trim(),
          font: s.getPropertyValue("--tracy-font").trim(),
          display: s.display,
          cardBorder: c.borderTopStyle,
          height: root.getBoundingClientRect().height,
        };
      });
      expect(styles.border).toBe("1px solid");
      expect(styles.accent).toMatch(/^#[0-9a-f]{6}$/i);
      expect(styles.font).not.toBe("");
      expect(styles.display).toBe("flex");
      expect(styles.cardBorder).not.toBe("none");
      expect(styles.height).toBeGreaterThan(600); // fills its 640 px container

      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
