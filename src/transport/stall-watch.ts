export class StreamStalled extends Error {
  override readonly name = "StreamStalled";
}

/**
 * A proxy can keep a socket open while nothing flows. The backend pings every 15 s, so silence
 * longer than `timeoutMs` means the stream is dead: the body fails, so the stream reconnects, and
 * `connection` (the request's own controller) is aborted. Cancelling the body alone left Firefox's
 * connection open until the page closed.
 *
 * A chunk only records when it came: one timer checks the silence when it could first have lasted
 * `timeoutMs`, and waits again for the rest. Moving a timer on every chunk cost a fast stream more
 * main-thread time than parsing its events.
 */
export function watchForStall(
  response: Response,
  timeoutMs: number,
  connection: AbortController | null,
  now: () => number = Date.now,
): Response {
  if (!response.ok || !response.body || timeoutMs <= 0) return response;
  const source = response.body.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastData = now();
  const stop = () => clearTimeout(timer);
  // Reads the body only when the reader asks (no queue of its own): one read per chunk, no pipe.
  const watched = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const check = () => {
          const silent = now() - lastData;
          if (silent < timeoutMs) timer = setTimeout(check, timeoutMs - silent);
          else {
            const stalled = new StreamStalled(`No data from the event stream for ${timeoutMs} ms.`);
            controller.error(stalled);
            source.cancel(stalled).catch(() => {});
            connection?.abort(stalled);
          }
        };
        timer = setTimeout(check, timeoutMs);
      },
      async pull(controller) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await source.read();
        } catch (error) {
          stop();
          throw error;
        }
        if (chunk.done) {
          stop();
          controller.close();
        } else {
          lastData = now();
          controller.enqueue(chunk.value);
        }
      },
      cancel(reason) {
        stop();
        return source.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  connection?.signal.addEventListener("abort", stop, { once: true });
  return new Response(watched, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** A controller for one connection: aborted by a stall (see `watchForStall`), and whenever `outer` aborts. */
export function connectionController(outer: AbortSignal | null | undefined): AbortController {
  const connection = new AbortController();
  if (!outer) return connection;
  if (outer.aborted) connection.abort(outer.reason);
  else outer.addEventListener("abort", () => connection.abort(outer.reason), { once: true });
  return connection;
}
