import type { IncomingMessage, ServerResponse } from "node:http";
import type { WireEvent } from "../engine/types";
import type { StreamFaults } from "./faults";
import { CORS_HEADERS } from "./http-io";

/** Fixed, not scaled by speed: it only keeps proxies from dropping an idle stream. */
export const PING_INTERVAL_MS = 15_000;

export interface SseStream {
  readonly closed: boolean;
  send(event: WireEvent, id: string | undefined): void;
  /** Destroys the socket, as a network failure would. */
  cut(): void;
}

export function openSseStream(
  req: IncomingMessage,
  res: ServerResponse,
  faults: StreamFaults,
  onClose: () => void,
): SseStream {
  let closed = false;
  let sent = 0;
  res.writeHead(200, {
    ...CORS_HEADERS,
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-cache, no-transform",
    Connection: "keep-alive",
    "X-Accel-Buffering": "no",
  });
  res.flushHeaders();
  req.socket.setNoDelay(true);
  res.write(": connected\n\n");
  if (faults.malformed) res.write("data: {not json\n\n");
  if (faults.cutAfter === 0) res.end();

  const ping = setInterval(() => {
    if (!faults.stall) res.write(": ping\n\n");
  }, PING_INTERVAL_MS);
  res.on("close", () => {
    if (closed) return;
    closed = true;
    clearInterval(ping);
    onClose();
  });

  /** Writes one data message; false once the stream is over (closed, or cut by `cut:N`). */
  const write = (event: WireEvent, id: string | undefined): boolean => {
    if (closed || res.writableEnded) return false;
    res.write(`${id === undefined ? "" : `id: ${id}\n`}data: ${JSON.stringify(event)}\n\n`);
    sent += 1;
    if (faults.cutAfter !== null && sent >= faults.cutAfter) res.end();
    return !res.writableEnded;
  };
  /** What `out-of-order` sends again. */
  const sentWithId: { event: WireEvent; id: string }[] = [];

  return {
    get closed() {
      return closed;
    },
    send(event, id) {
      if (faults.stall || !write(event, id)) return;
      if (id === undefined) {
        if (faults.outOfOrder && event.type === "event_start") {
          for (const earlier of sentWithId) if (!write(earlier.event, earlier.id)) return;
        }
        return;
      }
      if (faults.outOfOrder) sentWithId.push({ event, id });
      if (faults.duplicate) write(event, id);
    },
    cut() {
      if (!closed) req.socket.destroy();
    },
  };
}
