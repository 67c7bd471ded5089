import type { IncomingMessage, ServerResponse } from "node:http";
import { streamedTurn } from "./event-fixtures";
import { chunkText, generateReply } from "./markdown-fixture";

/** How the server paces a reply's deltas: `deltas` SSE messages every `everyMs` (written together). */
export interface Pace {
  name: string;
  deltas: number;
  everyMs: number;
}

/**
 * Paces a model's reply could arrive at. steady: 4 deltas every 10 ms (~20 characters each, 8,000
 * characters/s), a fast model over a direct connection. burst: the same mean rate, but 100 deltas
 * every 250 ms, as a buffering proxy or a congested network hands them over. warm: as fast as the
 * socket takes them (warm-up only).
 */
export const PACES: Record<string, Pace> = {
  steady: { name: "steady", deltas: 4, everyMs: 10 },
  burst: { name: "burst", deltas: 100, everyMs: 250 },
  warm: { name: "warm", deltas: 1_000, everyMs: 1 },
};

/** `name` or `name:deltas/everyMs` (e.g. `slow:1/20`). */
export function parsePace(spec: string): Pace {
  const known = PACES[spec];
  if (known) return known;
  const m = /^([\w-]+):(\d+)\/(\d+)$/.exec(spec);
  if (!m) throw new Error(`bench: unknown pace ${spec} (steady, burst or name:deltas/everyMs)`);
  return { name: m[1] as string, deltas: Number(m[2]), everyMs: Number(m[3]) };
}

export interface Reply {
  text: string;
  chunks: string[];
}

export function benchReply(sizeKB: number, seed = 7): Reply {
  const text = generateReply(sizeKB * 1000, seed);
  return { text, chunks: chunkText(text) };
}

interface Planned {
  reply: Reply;
  pace: Pace;
  /** The open event stream, once the page connected. */
  res: ServerResponse | null;
  waiting: (() => void) | null;
  startedAt: number | null;
  finishedAt: number | null;
}

/**
 * The bench backend, on the same origin as the page: protocol v1's event history (empty) and event
 * stream, over real HTTP and SSE. The runner plans a reply for a session id; the page opens the
 * stream (the panel through its own HTTP transport, the baselines with EventSource); `POST
 * /bench/go/<session>` then writes the reply's events at the planned pace. The stream stays open
 * afterwards, as a live session's does.
 */
export class SseBackend {
  private readonly planned = new Map<string, Planned>();

  plan(session: string, reply: Reply, pace: Pace): void {
    this.planned.set(session, { reply, pace, res: null, waiting: null, startedAt: null, finishedAt: null });
  }

  /** When the last event of the session's reply was written (ms, performance.now() in Node). */
  timing(session: string): { startedAt: number | null; finishedAt: number | null } {
    const p = this.planned.get(session);
    return { startedAt: p?.startedAt ?? null, finishedAt: p?.finishedAt ?? null };
  }

  forget(session: string): void {
    this.planned.get(session)?.res?.end();
    this.planned.delete(session);
  }

  /** Handles the request if it is the backend's; false for static files. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? "/", "http://x");
    const stream = /^\/sessions\/([^/]+)\/events\/stream$/.exec(url.pathname);
    if (stream && req.method === "GET") {
      const p = this.planned.get(decodeURIComponent(stream[1] as string));
      if (!p) {
        res.writeHead(404).end();
        return true;
      }
      res.writeHead(200, {
        "content-type": "text/event-stream",
        "cache-control": "no-store",
        connection: "keep-alive",
      });
      res.flushHeaders();
      res.socket?.setNoDelay(true);
      p.res = res;
      p.waiting?.();
      req.on("close", () => {
        if (p.res === res) p.res = null;
      });
      return true;
    }
    if (/^\/sessions\/[^/]+\/events$/.test(url.pathname) && req.method === "GET") {
      res.writeHead(200, { "content-type": "application/json" }).end('{"data":[],"next_page":null}');
      return true;
    }
    const go = /^\/bench\/go\/([^/]+)$/.exec(url.pathname);
    if (go && req.method === "POST") {
      const p = this.planned.get(decodeURIComponent(go[1] as string));
      if (!p) {
        res.writeHead(404).end();
        return true;
      }
      res.writeHead(204).end();
      void this.write(p);
      return true;
    }
    return false;
  }

  private async write(p: Planned): Promise<void> {
    if (!p.res) await new Promise<void>((resolve) => (p.waiting = resolve));
    const events = streamedTurn(p.reply.chunks).map((e) => `data: ${JSON.stringify(e)}\n\n`);
    const head = events.slice(0, 2);
    const deltas = events.slice(2, -2);
    const tail = events.slice(-2);
    p.res?.write(head.join(""));
    const t0 = performance.now();
    p.startedAt = t0;
    // Due deltas are computed from the start time, so a late timer catches up instead of slowing the pace.
    let sent = 0;
    while (sent < deltas.length) {
      const due = Math.min(deltas.length, (Math.floor((performance.now() - t0) / p.pace.everyMs) + 1) * p.pace.deltas);
      if (due > sent) {
        p.res?.write(deltas.slice(sent, due).join(""));
        sent = due;
      }
      if (sent < deltas.length) {
        const next = t0 + Math.floor(sent / p.pace.deltas) * p.pace.everyMs;
        await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
      }
    }
    p.res?.write(tail.join(""));
    p.finishedAt = performance.now();
  }
}
