// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { StreamStalled, watchForStall } from "../../src/transport/stall-watch";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A streamed response whose chunks the test sends, watched with a 1 s stall timeout. */
function watchedStream() {
  let source!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (source = c) });
  const watched = watchForStall(new Response(body, { status: 200 }), 1_000, null);
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
  return { send: (text: string) => source.enqueue(new TextEncoder().encode(text)), received, failure: () => failure };
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
    await vi.advanceTimersByTimeAsync(1);
    expect(stream.failure()).toBeInstanceOf(StreamStalled);
    expect(stream.received).toEqual(["data\n"]);
  });

  it("fails a stream that never sends anything after the timeout", async () => {
    const stream = watchedStream();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(stream.failure()).toBeInstanceOf(StreamStalled);
  });
});
