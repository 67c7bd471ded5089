/** A deliberately tiny SSE reader over fetch, so the tests see exactly what is on the wire. */
export interface SseMessage {
  id: string | undefined;
  data: string;
}

type Item = { kind: "comment"; text: string } | { kind: "message"; message: SseMessage };

export interface WireEventJson {
  type: string;
  id?: string;
  [key: string]: unknown;
}

export class SseTestClient {
  readonly comments: string[] = [];
  readonly received: SseMessage[] = [];
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #controller: AbortController;
  readonly #decoder = new TextDecoder();
  readonly #items: Item[] = [];
  #buffer = "";
  #pending: { id: string | undefined; data: string[] } = { id: undefined, data: [] };
  #ended = false;

  private constructor(reader: ReadableStreamDefaultReader<Uint8Array>, controller: AbortController) {
    this.#reader = reader;
    this.#controller = controller;
  }

  /** Opens the stream and waits for the `: connected` comment. */
  static async open(url: string, headers: Record<string, string>): Promise<SseTestClient> {
    const controller = new AbortController();
    const response = await fetch(url, { headers, signal: controller.signal });
    if (response.status !== 200 || !response.body)
      throw new Error(`stream answered ${response.status}: ${await response.text()}`);
    const client = new SseTestClient(response.body.getReader(), controller);
    const first = await client.#nextItem();
    if (first?.kind !== "comment" || first.text !== "connected")
      throw new Error("stream did not start with : connected");
    return client;
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** The next data message, or null when the server closed the stream. */
  async next(): Promise<SseMessage | null> {
    for (;;) {
      const item = await this.#nextItem();
      if (item === null) return null;
      if (item.kind === "message") return item.message;
    }
  }

  async nextEvent(): Promise<WireEventJson | null> {
    const message = await this.next();
    return message === null ? null : (JSON.parse(message.data) as WireEventJson);
  }

  /** Reads events up to and including the first one matching `done`. */
  async readUntil(done: (event: WireEventJson) => boolean): Promise<WireEventJson[]> {
    const events: WireEventJson[] = [];
    for (;;) {
      const event = await this.nextEvent();
      if (event === null) throw new Error(`stream ended after ${events.map((e) => e.type).join(", ")}`);
      events.push(event);
      if (done(event)) return events;
    }
  }

  close(): void {
    this.#controller.abort();
  }

  async #nextItem(): Promise<Item | null> {
    for (;;) {
      const item = this.#items.shift();
      if (item) return item;
      if (this.#ended) return null;
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await this.#reader.read();
      } catch {
        chunk = { done: true, value: undefined };
      }
      if (chunk.done) {
        this.#ended = true;
        continue;
      }
      this.#buffer += this.#decoder.decode(chunk.value, { stream: true });
      this.#parseLines();
    }
  }

  #parseLines(): void {
    let newline = this.#buffer.indexOf("\n");
    while (newline >= 0) {
      const line = this.#buffer.slice(0, newline).replace(/\r$/, "");
      this.#buffer = this.#buffer.slice(newline + 1);
      this.#parseLine(line);
      newline = this.#buffer.indexOf("\n");
    }
  }

  #parseLine(line: string): void {
    if (line === "") {
      if (this.#pending.data.length > 0) {
        const message = { id: this.#pending.id, data: this.#pending.data.join("\n") };
        this.received.push(message);
        this.#items.push({ kind: "message", message });
      }
      this.#pending = { id: undefined, data: [] };
    } else if (line.startsWith(":")) {
      const text = line.slice(1).trim();
      this.comments.push(text);
      this.#items.push({ kind: "comment", text });
    } else {
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "data") this.#pending.data.push(value);
      else if (field === "id") this.#pending.id = value;
    }
  }
}
