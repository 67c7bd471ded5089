import type { Duplex } from "node:stream";
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import { connect, type AddressInfo } from "node:net";

/**
 * Which faults the demo server injects, decided per request by the test: `?fault=` flags on the
 * event stream URL and `X-Demo-Fault` headers, added by the proxy on their way to the demo server.
 */
export interface FaultPlan {
  /** `?fault=` flags for the n-th stream connection (1-based), or null. */
  stream?: (n: number) => string | null;
  /** `X-Demo-Fault` for the n-th stream connection, or null. */
  streamStatus?: (n: number) => string | null;
  /** `X-Demo-Fault` for every POST of a user message while set. */
  sendStatus?: string | null;
  /** `X-Demo-Fault` for every GET of the session's history while set. */
  historyStatus?: string | null;
}

export interface SeenRequest {
  url: string;
  idempotencyKey: string | null;
  lastEventId: string | null;
  /** The browser closed the connection before the response ended (a dropped stream). */
  dropped: boolean;
}

const EVENTS_PATH = /^\/api\/tracy\/sessions\/[^/]+\/events(\/stream)?$/;

/**
 * An HTTP proxy between the browser and the demo server, the same for every engine: it applies the test's fault
 * plan to the session's event requests and records them; everything else passes through untouched. Responses are
 * piped as they come, so an event stream stays live, and a browser that drops a stream drops it upstream too.
 */
export class FaultProxy {
  readonly streams: SeenRequest[] = [];
  readonly messagePosts: SeenRequest[] = [];
  readonly historyGets: SeenRequest[] = [];

  private constructor(
    private readonly upstream: URL,
    private readonly server: ReturnType<typeof createServer>,
    public plan: FaultPlan,
  ) {}

  static async start(upstreamUrl: string, plan: FaultPlan): Promise<FaultProxy> {
    const server = createServer();
    const proxy = new FaultProxy(new URL(upstreamUrl), server, plan);
    server.on("request", (req, res) => void proxy.forward(req, res));
    // The dev server's own WebSocket (Vite's client) passes through as bytes, so the page sees no failed socket.
    server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const upstream = connect(Number(proxy.upstream.port), proxy.upstream.hostname, () => {
        const headers = req.rawHeaders.map((v, i) => (i % 2 ? `${v}\r\n` : `${v}: `)).join("");
        upstream.write(`${req.method} ${req.url} HTTP/${req.httpVersion}\r\n${headers}\r\n`);
        upstream.write(head);
        upstream.pipe(socket).pipe(upstream);
      });
      upstream.on("error", () => socket.destroy());
      socket.on("error", () => upstream.destroy());
      socket.on("close", () => upstream.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return proxy;
  }

  /** The demo page through the proxy. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.upstream);
    const headers = { ...req.headers };
    let body: Buffer | null = null;
    const events = EVENTS_PATH.exec(url.pathname);
    let seen: SeenRequest | null = null;
    if (events) {
      // Small JSON bodies: read whole, to tell a user message from other events.
      body = req.method === "POST" ? Buffer.concat(await req.toArray()) : null;
      seen = {
        url: url.toString(),
        idempotencyKey: header(req, "idempotency-key"),
        lastEventId: header(req, "last-event-id"),
        dropped: false,
      };
      let fault: string | null = null;
      if (events[1]) {
        const n = this.streams.push(seen);
        const flags = this.plan.stream?.(n) ?? null;
        if (flags) url.searchParams.append("fault", flags);
        fault = this.plan.streamStatus?.(n) ?? null;
      } else if (req.method === "GET") {
        this.historyGets.push(seen);
        fault = this.plan.historyStatus ?? null;
      } else if (req.method === "POST" && body?.includes('"user.message"')) {
        this.messagePosts.push(seen);
        fault = this.plan.sendStatus ?? null;
      }
      if (fault) headers["x-demo-fault"] = fault;
    }
    const upstream = request(url, { method: req.method, headers }, (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, upRes.statusMessage, upRes.rawHeaders);
      // Each chunk goes out as it comes: an event stream must not wait for the response's end.
      upRes.on("data", (chunk: Buffer) => res.write(chunk));
      upRes.on("end", () => res.end());
      upRes.on("error", () => res.destroy());
    });
    upstream.on("error", () => res.destroy());
    // The browser dropped the response (a stall timeout, a reload, the page closed): drop it upstream as well.
    res.on("close", () => {
      if (res.writableFinished) return;
      if (seen) seen.dropped = true;
      upstream.destroy();
    });
    if (body) upstream.end(body);
    else req.pipe(upstream);
  }
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}
