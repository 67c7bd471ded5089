/** One SSE message as the browser gets it. */
export interface SseMessage {
  id: string | null;
  data: Record<string, unknown>;
}

/**
 * Reads a protocol v1 event stream over fetch: messages, comments (pings) and the end, with a way to
 * wait for a condition instead of sleeping.
 */
export class SseReader {
  readonly messages: SseMessage[] = [];
  comments = 0;
  ended = false;
  error: unknown = null;
  status = 0;
  /** The response's headers, once it opened. */
  headers: Headers | null = null;
  #listeners = new Set<() => void>();
  readonly #abort = new AbortController();
  readonly opened: Promise<void>;

  constructor(url: string, headers: Record<string, string>) {
    this.opened = this.#run(url, headers);
  }

  async #run(url: string, headers: Record<string, string>): Promise<void> {
    let res: Response;
    try {
      res = await fetch(url, { headers, signal: this.#abort.signal });
    } catch (error) {
      // Closed before the answer came: nothing to read.
      this.error = error;
      this.ended = true;
      this.#notify();
      return;
    }
    this.status = res.status;
    this.headers = res.headers;
    if (!res.ok || !res.body) {
      this.ended = true;
      this.#notify();
      return;
    }
    void this.#read(res.body);
  }

  async #read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      const reader = body.getReader();
      for (;;) {
        const { done, value: chunk } = await reader.read();
        if (done) break;
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          this.#block(block);
        }
        this.#notify();
      }
    } catch (error) {
      this.error = error;
    }
    this.ended = true;
    this.#notify();
  }

  #block(block: string): void {
    let id: string | null = null;
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) this.comments += 1;
      else if (line.startsWith("id: ")) id = line.slice(4);
      else if (line.startsWith("data: ")) data.push(line.slice(6));
    }
    if (data.length > 0) this.messages.push({ id, data: JSON.parse(data.join("\n")) as Record<string, unknown> });
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }

  /** Resolves once `predicate` holds (checked on every chunk); rejects if the stream ends first. */
  waitFor(predicate: (reader: SseReader) => boolean, what = "condition"): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (predicate(this)) {
          this.#listeners.delete(check);
          resolve();
        } else if (this.ended) {
          this.#listeners.delete(check);
          reject(new Error(`stream ended before ${what} (status ${this.status}, ${this.messages.length} messages)`));
        }
      };
      this.#listeners.add(check);
      check();
    });
  }

  /** Persisted events only (previews have no `id:`). */
  get events(): Record<string, unknown>[] {
    return this.messages.filter((m) => m.id !== null).map((m) => m.data);
  }

  get lastId(): string | null {
    for (let i = this.messages.length - 1; i >= 0; i--) if (this.messages[i]!.id !== null) return this.messages[i]!.id;
    return null;
  }

  close(): void {
    this.#abort.abort();
  }
}

export function openSse(url: string, headers: Record<string, string>): SseReader {
  return new SseReader(url, headers);
}

/** The turn is over: an idle or terminated status after the last user message. */
export const turnEnded = (r: SseReader): boolean => {
  const events = r.events;
  const last = events[events.length - 1];
  return (
    last !== undefined &&
    last["type"] === "session.status_idle" &&
    (last["stop_reason"] as { type: string }).type !== "requires_action"
  );
};
