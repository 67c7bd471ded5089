import { mkdir, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pino } from "pino";
import { createDevAuthorizer } from "../src/auth/dev-authorizer.js";
import type { Database } from "../src/db/database.js";
import { openDatabase } from "../src/db/open-database.js";
import { listen } from "../src/node-server.js";
import { ManagedAgentsSimulator } from "../simulator/index.js";

/**
 * `npm run bench:server`: the server between the simulator and many browsers, on PGlite and, when
 * TRACY_BENCH_DATABASE_URL names one, on Postgres. Two phases per database:
 * - open streams: many browser streams held open on idle sessions; memory per stream;
 * - streaming: sessions each run turns with a ~20 kB streamed reply while several browsers watch; events per
 *   second through the mirror to the browsers, and the delay from upstream producing an event to a browser
 *   reading it.
 * Results go to bench-results/.
 */
const SESSIONS = Number(process.env["BENCH_SESSIONS"] ?? 20);
const BROWSERS = Number(process.env["BENCH_BROWSERS"] ?? 5);
const TURNS = Number(process.env["BENCH_TURNS"] ?? 2);
const OPEN_SESSIONS = Number(process.env["BENCH_OPEN_SESSIONS"] ?? 100);
const OPEN_PER_SESSION = Number(process.env["BENCH_OPEN_PER_SESSION"] ?? 10);

interface Browser {
  done: Promise<void>;
  abort: AbortController;
}

interface Counters {
  delays: number[];
  delivered: number;
  previews: number;
  /** Streams whose response has begun. */
  connected: number;
}

function watch(url: string, headers: Record<string, string>, expectIdles: number, counters: Counters): Browser {
  const abort = new AbortController();
  const done = (async () => {
    const res = await fetch(url, { headers, signal: abort.signal });
    const reader = res.body!.getReader();
    counters.connected += 1;
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
          counters.previews += 1;
          continue;
        }
        counters.delivered += 1;
        if (event.processed_at) counters.delays.push(Date.now() - Date.parse(event.processed_at));
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

const HEADERS = { "X-Tenant-Id": "bench", "Content-Type": "application/json" };
const until = (ready: () => boolean): Promise<void> =>
  new Promise<void>((resolve) => {
    const check = () => (ready() ? resolve() : setTimeout(check, 5));
    check();
  });

async function settle(): Promise<number> {
  // Best effort without --expose-gc: let timers and sockets settle before sampling.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const m = process.memoryUsage();
  return m.heapUsed + m.external + m.arrayBuffers;
}

async function runOn(db: Database) {
  const sim = new ManagedAgentsSimulator({ timing: { deltaMs: 1, chunk: 16, pingMs: 10_000 } });
  await sim.start();
  const running = await listen({
    db,
    closeDatabase: false,
    authorize: createDevAuthorizer(),
    upstream: { apiKey: "sim", baseURL: sim.url, agentId: "agent_bench", environmentId: "env_bench" },
    logger: pino({ level: "silent" }),
  });
  const base = `${running.url}/api/tracy`;
  let key = 0;
  const createSession = async () =>
    (
      (await (
        await fetch(`${base}/sessions`, {
          method: "POST",
          headers: { ...HEADERS, "Idempotency-Key": `s-${Date.now()}-${++key}` },
          body: JSON.stringify({ tenant_id: "bench" }),
        })
      ).json()) as { id: string }
    ).id;
  const streamUrl = (id: string) => `${base}/sessions/${id}/events/stream?event_deltas=agent.message`;

  // Phase 1: open streams on idle sessions.
  const idle: Counters = { delays: [], delivered: 0, previews: 0, connected: 0 };
  const ids = await Promise.all(Array.from({ length: OPEN_SESSIONS }, createSession));
  const before = await settle();
  const rssBefore = process.memoryUsage().rss;
  const held = ids.flatMap((id) =>
    Array.from({ length: OPEN_PER_SESSION }, () => watch(streamUrl(id), HEADERS, 1, idle)),
  );
  await until(() => idle.connected === held.length);
  await until(() => ids.every((id) => running.server.live.tail(id)?.connected));
  const after = await settle();
  const openStreams = {
    streams: held.length,
    sessions: OPEN_SESSIONS,
    kbPerStream: Number(((after - before) / held.length / 1024).toFixed(1)),
    rssKbPerStream: Number(((process.memoryUsage().rss - rssBefore) / held.length / 1024).toFixed(1)),
  };
  for (const b of held) b.abort.abort();
  await Promise.all(held.map((b) => b.done));

  // Phase 2: streamed turns watched by several browsers per session.
  const counters: Counters = { delays: [], delivered: 0, previews: 0, connected: 0 };
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: SESSIONS }, async (_, s) => {
      const id = await createSession();
      const browsers = Array.from({ length: BROWSERS }, () => watch(streamUrl(id), HEADERS, TURNS, counters));
      await until(() => running.server.live.tail(id)?.connected === true);
      for (let t = 0; t < TURNS; t++) {
        const body = JSON.stringify({
          events: [{ type: "user.message", content: [{ type: "text", text: `long answer ${s}.${t}` }] }],
        });
        const res = await fetch(`${base}/sessions/${id}/events`, {
          method: "POST",
          headers: { ...HEADERS, "Idempotency-Key": `b-${Date.now()}-${s}-${t}` },
          body,
        });
        if (!res.ok) throw new Error(`send failed: ${res.status}`);
        // The next question once this turn is over (as a user would).
        const upstream = [...sim.sessions.values()].find((x) => x.metadata["tracy_session_id"] === id);
        await new Promise((resolve) => setTimeout(resolve, 5));
        await until(() => upstream !== undefined && upstream.turn === null && upstream.inbox.length === 0);
      }
      await Promise.all(browsers.map((b) => b.done));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const delays = counters.delays.sort((a, b) => a - b);
  await running.close();
  await sim.stop();
  return {
    database: db.kind,
    openStreams,
    streaming: {
      sessions: SESSIONS,
      browsersPerSession: BROWSERS,
      turnsPerSession: TURNS,
      seconds: Number(seconds.toFixed(2)),
      persistedEventsDelivered: counters.delivered,
      previewsDelivered: counters.previews,
      persistedEventsPerSecond: Math.round(counters.delivered / seconds),
      messagesPerSecond: Math.round((counters.delivered + counters.previews) / seconds),
      upstreamToBrowserMs: {
        p50: percentile(delays, 0.5),
        p99: percentile(delays, 0.99),
        max: delays.at(-1) ?? 0,
      },
      peakRssMb: Math.round(peakRss / 1e6),
    },
  };
}

async function main(): Promise<void> {
  const reports = [];
  const pglite = await openDatabase({});
  reports.push(await runOn(pglite));
  await pglite.close();
  const url = process.env["TRACY_BENCH_DATABASE_URL"];
  if (url) {
    const pg = await openDatabase({ databaseUrl: url });
    reports.push(await runOn(pg));
    await pg.close();
  } else {
    console.log("Postgres skipped: set TRACY_BENCH_DATABASE_URL=postgres://… to measure it too.");
  }
  for (const r of reports) {
    console.log(`\n== ${r.database}`);
    console.table(r.openStreams);
    console.table({ ...r.streaming, upstreamToBrowserMs: undefined, ...r.streaming.upstreamToBrowserMs });
  }
  const report = { date: new Date().toISOString(), node: process.version, runs: reports };
  console.log(JSON.stringify(report, null, 2));
  // Next to the panel's results: bench-results/ where npm was started (git-ignored).
  const dir = resolve(process.env["INIT_CWD"] ?? process.cwd(), "bench-results");
  await mkdir(dir, { recursive: true });
  await writeFile(resolve(dir, `server-${Date.now()}.json`), JSON.stringify(report, null, 2));
}

await main();
