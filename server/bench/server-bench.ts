import { mkdir, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pino } from "pino";
import { createDevAuthorizer } from "../src/auth/dev-authorizer.js";
import { openDatabase } from "../src/db/open-database.js";
import { listen } from "../src/node-server.js";
import { ManagedAgentsSimulator } from "../simulator/index.js";

/**
 * `npm run bench:server`: the server between the simulator and many browsers. Sessions each run turns
 * with a ~20 kB streamed reply while several browsers watch; reports delivery throughput, the delay from
 * upstream producing an event to a browser reading it, and memory. Results go to bench-results/.
 */
const SESSIONS = Number(process.env["BENCH_SESSIONS"] ?? 20);
const BROWSERS = Number(process.env["BENCH_BROWSERS"] ?? 5);
const TURNS = Number(process.env["BENCH_TURNS"] ?? 2);

interface Browser {
  done: Promise<void>;
  abort: AbortController;
}

const delays: number[] = [];
let delivered = 0;
let previews = 0;

function watch(url: string, headers: Record<string, string>, expectIdles: number): Browser {
  const abort = new AbortController();
  const done = (async () => {
    const res = await fetch(url, { headers, signal: abort.signal });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    let idles = 0;
    for (;;) {
      const { done: end, value } = await reader.read();
      if (end) return;
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf("\n\n")) !== -1) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const data = block.split("\n").find((l) => l.startsWith("data: "));
        if (!data) continue;
        const event = JSON.parse(data.slice(6)) as { type: string; processed_at?: string | null };
        if (!block.startsWith("id: ")) {
          previews += 1;
          continue;
        }
        delivered += 1;
        if (event.processed_at) delays.push(Date.now() - Date.parse(event.processed_at));
        if (event.type === "session.status_idle" && ++idles === expectIdles) {
          abort.abort();
          return;
        }
      }
    }
  })().catch((error: unknown) => {
    if (!abort.signal.aborted) throw error;
  });
  return { done, abort };
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

async function main(): Promise<void> {
  const sim = new ManagedAgentsSimulator({ timing: { deltaMs: 1, chunk: 16, pingMs: 10_000 } });
  await sim.start();
  const db = await openDatabase({});
  const running = await listen({
    db,
    authorize: createDevAuthorizer(),
    upstream: { apiKey: "sim", baseURL: sim.url, agentId: "agent_bench", environmentId: "env_bench" },
    logger: pino({ level: "silent" }),
  });
  const base = `${running.url}/api/tracy`;
  const headers = { "X-Tenant-Id": "bench", "Content-Type": "application/json" };
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

  const started = performance.now();
  await Promise.all(
    Array.from({ length: SESSIONS }, async (_, s) => {
      const created = (await (
        await fetch(`${base}/sessions`, { method: "POST", headers, body: JSON.stringify({ tenant_id: "bench" }) })
      ).json()) as { id: string };
      const url = `${base}/sessions/${created.id}/events/stream?event_deltas=agent.message`;
      const browsers = Array.from({ length: BROWSERS }, () => watch(url, headers, TURNS));
      await new Promise<void>((resolve) => {
        const check = () => (running.server.live.tail(created.id)?.connected ? resolve() : setTimeout(check, 5));
        check();
      });
      for (let t = 0; t < TURNS; t++) {
        const body = JSON.stringify({
          events: [{ type: "user.message", content: [{ type: "text", text: `long answer ${s}.${t}` }] }],
        });
        const res = await fetch(`${base}/sessions/${created.id}/events`, {
          method: "POST",
          headers: { ...headers, "Idempotency-Key": `b-${s}-${t}` },
          body,
        });
        if (!res.ok) throw new Error(`send failed: ${res.status}`);
        // The next question once this turn is over (as a user would).
        await new Promise<void>((resolve) => {
          const upstream = [...sim.sessions.values()].find((x) => x.metadata["tracy_session_id"] === created.id);
          const check = () =>
            upstream && upstream.turn === null && upstream.inbox.length === 0 ? resolve() : setTimeout(check, 5);
          setTimeout(check, 5);
        });
      }
      await Promise.all(browsers.map((b) => b.done));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  delays.sort((a, b) => a - b);
  const report = {
    sessions: SESSIONS,
    browsersPerSession: BROWSERS,
    turnsPerSession: TURNS,
    seconds: Number(seconds.toFixed(2)),
    persistedEventsDelivered: delivered,
    previewsDelivered: previews,
    messagesPerSecond: Math.round((delivered + previews) / seconds),
    upstreamToBrowserMs: { p50: percentile(delays, 0.5), p95: percentile(delays, 0.95), max: delays.at(-1) ?? 0 },
    peakRssMb: Math.round(peakRss / 1e6),
    database: db.kind,
  };
  console.table(report);
  console.log(JSON.stringify(report, null, 2));
  // Next to the panel's results: bench-results/ where npm was started (git-ignored).
  const dir = resolve(process.env["INIT_CWD"] ?? process.cwd(), "bench-results");
  await mkdir(dir, { recursive: true });
  await writeFile(resolve(dir, `server-${Date.now()}.json`), JSON.stringify(report, null, 2));
  await running.close();
  await sim.stop();
}

await main();
