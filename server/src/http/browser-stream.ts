import type { Logger } from "../logger.js";
import type { LiveSessions } from "../live/live-sessions.js";
import type { TailSubscriber } from "../live/session-tail.js";
import type { EventsRepo } from "../store/events-repo.js";
import type { SessionRow } from "../store/sessions-repo.js";

export interface BrowserStreamOptions {
  session: SessionRow;
  /** Send rows after this seq (0: everything). */
  afterSeq: number;
  /** Pass `event_start`/`event_delta` previews through. */
  deltas: boolean;
  live: LiveSessions;
  events: EventsRepo;
  pingIntervalMs: number;
  log: Logger;
}

const PAGE = 500;
/** Bytes queued for a browser before the mirror is read further. */
const HIGH_WATER_BYTES = 256 * 1024;
const encoder = new TextEncoder();

export const SSE_HEADERS: Record<string, string> = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  // nginx and friends buffer responses unless told not to, which would hold events back.
  "X-Accel-Buffering": "no",
};

/**
 * One browser's event stream, served from the mirror: `id:` is the local seq, so `Last-Event-ID`
 * resumes exactly. Mirror reads and previews go through one queue, in the order the tail saw them.
 */
export function openBrowserStream(options: BrowserStreamOptions): ReadableStream<Uint8Array> {
  const { session, events, log } = options;
  let cursor = options.afterSeq;
  let closed = false;
  let detach: (() => void) | null = null;
  let ping: ReturnType<typeof setInterval> | null = null;
  const queue: ({ kind: "wake" } | { kind: "preview"; event: Record<string, unknown> })[] = [];
  let draining = false;
  /** Resolves the drain waiting for the browser to take what is queued. */
  let pulled: (() => void) | null = null;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const opened = performance.now();
  let sent = 0;

  const write = (text: string) => {
    if (!closed) controller.enqueue(encoder.encode(text));
  };
  const cleanup = (reason: string) => {
    if (closed) return;
    closed = true;
    if (ping) clearInterval(ping);
    detach?.();
    detach = null;
    log.info(
      { session: session.id, tenant: session.tenantId, sent, ms: Math.round(performance.now() - opened), reason },
      "browser stream closed",
    );
  };

  const drain = async () => {
    if (draining) return;
    draining = true;
    try {
      while (!closed && queue.length > 0) {
        const item = queue.shift()!;
        if (item.kind === "preview") {
          write(`data: ${JSON.stringify(item.event)}\n\n`);
          continue;
        }
        // Wakes that piled up while reading are one read.
        while (queue[0]?.kind === "wake") queue.shift();
        for (;;) {
          const rows = await events.after(session.id, cursor, PAGE);
          for (const row of rows) {
            write(`id: ${row.seq}\ndata: ${JSON.stringify(row.event)}\n\n`);
            cursor = row.seq;
            sent += 1;
          }
          if (rows.length < PAGE || closed) break;
          // A slow browser holds the next page back, instead of the whole history piling up in memory.
          if ((controller.desiredSize ?? 1) <= 0) await new Promise<void>((resolve) => (pulled = resolve));
        }
      }
    } catch (error) {
      // The browser reconnects with Last-Event-ID and loses nothing.
      log.warn(
        { session: session.id, err: error instanceof Error ? error.message : String(error) },
        "browser stream failed",
      );
      if (!closed) {
        cleanup("error");
        controller.error(error);
      }
    } finally {
      draining = false;
    }
  };

  const subscriber: TailSubscriber = {
    wake() {
      queue.push({ kind: "wake" });
      void drain();
    },
    preview(event) {
      if (!options.deltas) return;
      queue.push({ kind: "preview", event });
      void drain();
    },
    close() {
      if (closed) return;
      cleanup("tail stopped");
      controller.close();
    },
  };

  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        write(": connected\n\n");
        queue.push({ kind: "wake" });
        detach = options.live.subscribe(session, subscriber);
        void drain();
        ping = setInterval(() => write(": ping\n\n"), options.pingIntervalMs);
      },
      pull() {
        const resume = pulled;
        pulled = null;
        resume?.();
      },
      cancel() {
        cleanup("browser left");
        const resume = pulled;
        pulled = null;
        resume?.();
      },
    },
    { highWaterMark: HIGH_WATER_BYTES, size: (chunk) => chunk.byteLength },
  );
}
