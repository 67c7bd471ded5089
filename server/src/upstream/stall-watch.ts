/** The upstream stream fell silent (no event, no ping) for longer than allowed. */
export class UpstreamStalled extends Error {
  override readonly name = "UpstreamStalled";
}

/**
 * A `fetch` for the SDK that fails an event-stream body after `idleMs` without a byte. The SDK drops
 * pings before the caller sees them, so silence can only be measured on the bytes; a half-open
 * connection would otherwise keep a tail waiting for ever.
 */
export function stallWatchingFetch(idleMs: number, inner: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (idleMs <= 0 || !response.ok || !response.body || !new URL(url).pathname.endsWith("/events/stream"))
      return response;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let controller!: TransformStreamDefaultController<Uint8Array>;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () => controller.error(new UpstreamStalled(`No data from upstream for ${idleMs} ms.`)),
        idleMs,
      );
    };
    const watched = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        start(c) {
          controller = c;
          arm();
        },
        transform(chunk, c) {
          arm();
          c.enqueue(chunk);
        },
        flush() {
          clearTimeout(timer);
        },
      }),
    );
    init?.signal?.addEventListener("abort", () => clearTimeout(timer), { once: true });
    return new Response(watched, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
