import { tokenFor } from "./stack.js";

export interface Who {
  user: string;
  tenant: string;
  /** Tenants in the token; default: just `tenant`. */
  tenants?: string[];
  trace?: string;
}

/** A browser-like caller of protocol v1 (plain fetch, as the panel's transport does). */
export class TracyClient {
  #token: Promise<string>;
  constructor(
    readonly base: string,
    readonly who: Who,
  ) {
    this.#token = tokenFor(who.user, who.tenants ?? [who.tenant]);
  }

  async headers(extra: Record<string, string> = {}): Promise<Record<string, string>> {
    const h: Record<string, string> = {
      Authorization: `Bearer ${await this.#token}`,
      "X-Tenant-Id": this.who.tenant,
      ...extra,
    };
    if (this.who.trace) h["X-Trace-Id"] = this.who.trace;
    return h;
  }

  async request(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<Response> {
    const headers = await this.headers(extra);
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return fetch(`${this.base}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  }

  async createSession(): Promise<string> {
    const res = await this.request("POST", "/sessions", {
      tenant_id: this.who.tenant,
      trace_id: this.who.trace ?? null,
    });
    if (res.status !== 201) throw new Error(`create: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  }

  async say(sessionId: string, text: string, key = `k-${Math.random()}`): Promise<Response> {
    return this.request(
      "POST",
      `/sessions/${sessionId}/events`,
      { events: [{ type: "user.message", content: [{ type: "text", text }] }] },
      { "Idempotency-Key": key },
    );
  }

  async send(sessionId: string, events: unknown[], key = `k-${Math.random()}`): Promise<Response> {
    return this.request("POST", `/sessions/${sessionId}/events`, { events }, { "Idempotency-Key": key });
  }

  /** Every page of the history, oldest first. */
  async history(sessionId: string, limit = 7): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    let page: string | null = null;
    do {
      const res = await this.request(
        "GET",
        `/sessions/${sessionId}/events?limit=${limit}${page ? `&page=${page}` : ""}`,
      );
      if (res.status !== 200) throw new Error(`history: ${res.status}`);
      const body = (await res.json()) as { data: Record<string, unknown>[]; next_page: string | null };
      out.push(...body.data);
      page = body.next_page;
    } while (page);
    return out;
  }
}
