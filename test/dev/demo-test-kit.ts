import { vi } from "vitest";
import { startDemoServer, type DemoServer } from "../../dev/server/start-demo-server";
import { SseTestClient, type WireEventJson } from "./sse-test-client";

export const TENANT = "acme-corp";

let keyCounter = 0;

export class DemoApi {
  readonly server: DemoServer;
  constructor(server: DemoServer) {
    this.server = server;
  }

  static async start(speed = 0): Promise<DemoApi> {
    return new DemoApi(await startDemoServer({ port: 0, speed }));
  }

  headers(tenant: string = TENANT, extra: Record<string, string> = {}): Record<string, string> {
    return { "Content-Type": "application/json", "X-Tenant-Id": tenant, ...extra };
  }

  fetch(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.server.url}${path}`, init);
  }

  async createSession(traceId: string | null = "trace-7f3a", tenant: string = TENANT): Promise<string> {
    const response = await this.fetch("/sessions", {
      method: "POST",
      headers: this.headers(tenant),
      body: JSON.stringify({ tenant_id: tenant, trace_id: traceId }),
    });
    if (response.status !== 201) throw new Error(`createSession: ${response.status}`);
    return ((await response.json()) as { id: string }).id;
  }

  post(
    sessionId: string,
    events: unknown[],
    options: { key?: string; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    return this.fetch(`/sessions/${sessionId}/events`, {
      method: "POST",
      headers: { ...this.headers(), "Idempotency-Key": options.key ?? `key-${++keyCounter}`, ...options.headers },
      body: JSON.stringify({ events }),
    });
  }

  async say(sessionId: string, text: string, headers: Record<string, string> = {}): Promise<WireEventJson[]> {
    const response = await this.post(sessionId, [{ type: "user.message", content: [{ type: "text", text }] }], {
      headers,
    });
    if (response.status !== 200) throw new Error(`say: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { data: WireEventJson[] }).data;
  }

  stream(
    sessionId: string,
    query = "?event_deltas=agent.message",
    headers: Record<string, string> = {},
  ): Promise<SseTestClient> {
    return SseTestClient.open(`${this.server.url}/sessions/${sessionId}/events/stream${query}`, {
      ...this.headers(),
      ...headers,
    });
  }

  async history(sessionId: string, query = ""): Promise<{ data: WireEventJson[]; next_page: string | null }> {
    const response = await this.fetch(`/sessions/${sessionId}/events${query}`, { headers: this.headers() });
    if (response.status !== 200) throw new Error(`history: ${response.status}`);
    return (await response.json()) as { data: WireEventJson[]; next_page: string | null };
  }
}

export const isIdle = (event: WireEventJson): boolean => event.type === "session.status_idle";
export const isFinalIdle = (event: WireEventJson): boolean =>
  isIdle(event) && (event.stop_reason as { type: string }).type !== "requires_action";

/** Polls a condition the server reaches asynchronously (e.g. noticing a closed socket). */
export function eventually(condition: () => boolean, what: string): Promise<void> {
  return vi.waitFor(
    () => {
      if (!condition()) throw new Error(`never happened: ${what}`);
    },
    { timeout: 15_000, interval: 10 },
  );
}
