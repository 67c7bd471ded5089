export class StreamStalled extends Error {
  override readonly name = "StreamStalled";
}

/**
 * A proxy can keep a socket open while nothing flows. The backend pings every 15 s, so silence
 * longer than `timeoutMs` means the stream is dead: the body fails, so the stream reconnects.
 *
 * A chunk only records when it came: one timer checks the silence when it could first have lasted
 * `timeoutMs`, and waits again for the rest. Moving a timer on every chunk cost a fast stream more
 * main-thread time than parsing its events.
 */
export function watchForStall(
  response: Response,
  timeoutMs: number,
  signal: AbortSignal | null,
  now: () => number = Date.now,
): Response {
  if (!response.ok || !response.body || timeoutMs <= 0) return response;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller!: TransformStreamDefaultController<Uint8Array>;
  let lastData = now();
  const stop = () => clearTimeout(timer);
  const check = () => {
    const silent = now() - lastData;
    if (silent >= timeoutMs) controller.error(new StreamStalled(`No data from the event stream for ${timeoutMs} ms.`));
    else timer = setTimeout(check, timeoutMs - silent);
  };
  const watched = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      start(c) {
        controller = c;
        timer = setTimeout(check, timeoutMs);
      },
      transform(chunk, c) {
        lastData = now();
        c.enqueue(chunk);
      },
      flush: stop,
    }),
  );
  signal?.addEventListener("abort", stop, { once: true });
  return new Response(watched, { status: response.status, statusText: response.statusText, headers: response.headers });
}
