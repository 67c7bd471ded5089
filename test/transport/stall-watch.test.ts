// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { connectionController, StreamStalled, watchForStall } from "../../src/transport/stall-watch";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A streamed response whose chunks the test sends, watched with a 1 s stall timeout. */
function watchedStream() {
  let source!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (source = c) });
  const connection = new AbortController();
  const watched = watchForStall(new Response(body, { status: 200 }), 1_000, connection);
  const reader = (watched.body as ReadableStream<Uint8Array>).getReader();
  let failure: unknown = null;
  const received: string[] = [];
  void (async () => {
    try {
      for (let r = await reader.read(); !r.done; r = await reader.read())
        received.push(new TextDecoder().decode(r.value));
    } catch (error) {
      failure = error;
    }
  })();
  return {
    send: (text: string) => source.enqueue(new TextEncoder().encode(text)),
    received,
    failure: () => failure,
    connection: connection.signal,
  };
}

describe("stall watch", () => {
  it("keeps a stream that sends more often than the timeout, however long it runs", async () => {
    const stream = watchedStream();
    for (let i = 0; i < 20; i++) {
      await vi.advanceTimersByTimeAsync(900);
      stream.send(`ping ${i}\n`);
    }
    await vi.advanceTimersByTimeAsync(900);
    expect(stream.failure()).toBeNull();
    expect(stream.received).toHaveLength(20);
  });

  it("fails the body once nothing came for the timeout, counted from the last data", async () => {
    const stream = watchedStream();
    await vi.advanceTimersByTimeAsync(700);
    stream.send("data\n");
    await vi.advanceTimersByTimeAsync(999);
    expect(stream.failure()).toBeNull();
    expect(stream.connection.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(stream.failure()).toBeInstanceOf(StreamStalled);
    expect(stream.received).toEqual(["data\n"]);
    // The request is aborted too, not only its body: a browser may keep a cancelled body's connection open.
    expect(stream.connection.reason).toBeInstanceOf(StreamStalled);
  });

  it("fails a stream that never sends anything after the timeout", async () => {
    const stream = watchedStream();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(stream.failure()).toBeInstanceOf(StreamStalled);
  });

  it("aborts a connection's controller with the caller's signal, already aborted or later", () => {
    const early = new AbortController();
    early.abort("gone");
    expect(connectionController(early.signal).signal.reason).toBe("gone");
    const late = new AbortController();
    const connection = connectionController(late.signal);
    expect(connection.signal.aborted).toBe(false);
    late.abort("later");
    expect(connection.signal.reason).toBe("later");
    // Aborting the connection (a stall) leaves the caller's signal alone.
    const caller = new AbortController();
    connectionController(caller.signal).abort();
    expect(caller.signal.aborted).toBe(false);
  });
});
