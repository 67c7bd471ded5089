/**
 * The event stream read in a dedicated worker. A streaming reply arrives in a hundred network chunks a second, and
 * on the page's thread each one costs the browser's network tasks plus a round of body-reader promises: at a fast
 * model's pace that was a fifth of the panel's main-thread time. In a worker the fetch and its reads run on another
 * thread, and the page gets the bytes at most every `STREAM_FLUSH_MS`, so its thread stays for rendering and the
 * host's own work. Only the bytes move: the page still parses the stream, so reconnects, `Last-Event-ID`, stalls and
 * errors behave exactly as on the page's own fetch.
 *
 * Where a worker cannot start (no `Worker`, a Content-Security-Policy without `worker-src blob:`, Trusted Types) or
 * fails before the response arrives, the request is made on the page instead, and this transport stops trying.
 */

/**
 * How often the worker hands the page what arrived: about two frames, under the 50 ms at which a streaming reply is
 * shown anew. A chunk after a quiet spell (the first one, a ping, the end of a turn) is handed over at once.
 */
export const STREAM_FLUSH_MS = 32;

/** What the page asks of the worker: one request, made once. */
export interface WorkerFetchRequest {
  url: string;
  init: {
    method: string;
    headers: [string, string][];
    credentials?: RequestCredentials;
    cache?: RequestCache;
    mode?: RequestMode;
  };
}

/** What the worker sends back, in this order: a head, chunks, then an end or an error. */
export type WorkerFetchMessage =
  | { type: "head"; status: number; statusText: string; headers: [string, string][] }
  | { type: "chunk"; bytes: Uint8Array }
  | { type: "end" }
  | { type: "error"; message: string };

/** The worker's side of the channel: its global scope, or a port in tests. */
export interface WorkerScopeLike {
  postMessage(message: WorkerFetchMessage, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<WorkerFetchRequest>) => void) | null;
}

/** The page's side: a `Worker`, or a port in tests. */
export interface WorkerLike {
  postMessage(message: WorkerFetchRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<WorkerFetchMessage>) => void) | null;
  onerror: ((event: Event) => void) | null;
}

/**
 * The worker's program. It runs from its own source text (`String(serveOneFetch)`), so it uses nothing from outside
 * its body, and plain promise chains rather than `async`, which a consumer's compiler could turn into calls to
 * helpers the worker does not have.
 */
export function serveOneFetch(scope: WorkerScopeLike, doFetch: typeof fetch, flushMs: number): void {
  scope.onmessage = (event) => {
    scope.onmessage = null;
    const request = event.data;
    let pending: Uint8Array[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    let postedAt = -Infinity;
    const post = () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (!pending.length) return;
      let size = 0;
      for (const chunk of pending) size += chunk.byteLength;
      const bytes = new Uint8Array(size);
      size = 0;
      for (const chunk of pending) {
        bytes.set(chunk, size);
        size += chunk.byteLength;
      }
      pending = [];
      postedAt = Date.now();
      scope.postMessage({ type: "chunk", bytes }, [bytes.buffer]);
    };
    const fail = (error: unknown) => {
      post();
      scope.postMessage({ type: "error", message: error instanceof Error ? error.message : String(error) });
    };
    doFetch(request.url, request.init)
      .then((response) => {
        const headers: [string, string][] = [];
        response.headers.forEach((value, name) => headers.push([name, value]));
        scope.postMessage({ type: "head", status: response.status, statusText: response.statusText, headers });
        if (!response.body) {
          scope.postMessage({ type: "end" });
          return;
        }
        const reader = response.body.getReader();
        const pump = (): Promise<void> =>
          reader.read().then((chunk) => {
            if (chunk.done) {
              post();
              scope.postMessage({ type: "end" });
              return;
            }
            pending.push(chunk.value);
            if (timer === null) {
              const wait = postedAt + flushMs - Date.now();
              if (wait <= 0) post();
              else timer = setTimeout(post, wait);
            }
            return pump();
          });
        return pump();
      })
      .catch(fail);
  };
}

/** Statuses whose response cannot have a body (`new Response` throws if given one). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * A `fetch` that makes each request in a worker of its own (`startWorker`), ended with the response. It takes the
 * same arguments as `fetch` and resolves, rejects and errors its body as `fetch` would; an abort ends the worker,
 * which cancels its request. When `startWorker` throws or returns null, or the worker fails before the response
 * arrives, `fallback` makes the request, and makes every later one.
 */
export function createWorkerFetch(fallback: typeof fetch, startWorker: () => WorkerLike | null): typeof fetch {
  let broken = false;
  const start = (): WorkerLike | null => {
    if (broken) return null;
    try {
      const worker = startWorker();
      if (!worker) broken = true;
      return worker;
    } catch {
      broken = true;
      return null;
    }
  };

  return (input, init) => {
    const signal = init?.signal ?? null;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const worker = start();
    if (!worker) return fallback(input, init);
    return new Promise<Response>((resolve, reject) => {
      let body: ReadableStreamDefaultController<Uint8Array> | null = null;
      /** A failure that waits until the reader has taken the bytes that came before it. */
      let failure: { error: unknown } | null = null;
      let headed = false;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        worker.onmessage = worker.onerror = null;
        worker.terminate();
        signal?.removeEventListener("abort", onAbort);
      };
      const fail = (error: unknown, keepQueued = true) => {
        if (!headed) reject(error);
        else if (keepQueued && body && (body.desiredSize ?? 0) <= 0) failure = { error };
        else body?.error(error);
        finish();
      };
      // An abort drops what is queued, as fetch does; a failure of the connection first hands over what came.
      const onAbort = () => fail(signal?.reason, false);
      signal?.addEventListener("abort", onAbort, { once: true });

      worker.onerror = (event) => {
        event.preventDefault();
        if (headed) return fail(new TypeError("The event stream's reader stopped."));
        // It never answered: it could not start here (a script error or a policy). Ask on the page.
        finish();
        broken = true;
        fallback(input, init).then(resolve, reject);
      };
      worker.onmessage = ({ data }) => {
        if (done) return;
        if (data.type === "head") {
          headed = true;
          const stream = NULL_BODY_STATUSES.has(data.status)
            ? null
            : new ReadableStream<Uint8Array>({
                start: (controller) => void (body = controller),
                pull: (controller) => {
                  if (failure) controller.error(failure.error);
                },
                cancel: finish,
              });
          try {
            resolve(new Response(stream, { status: data.status, statusText: data.statusText, headers: data.headers }));
          } catch (error) {
            headed = false;
            fail(error);
          }
        } else if (data.type === "chunk") body?.enqueue(data.bytes);
        else if (data.type === "end") {
          body?.close();
          finish();
        } else fail(new TypeError(data.message));
      };

      worker.postMessage(requestFor(input, init));
    });
  };
}

function requestFor(input: RequestInfo | URL, init: RequestInit | undefined): WorkerFetchRequest {
  const url = input instanceof Request ? input.url : String(input);
  const headers: [string, string][] = [];
  new Headers(init?.headers).forEach((value, name) => headers.push([name, value]));
  return {
    // A worker made from a blob resolves a relative URL against the blob's, not the page's.
    url: new URL(url, typeof document === "undefined" ? undefined : document.baseURI).href,
    init: {
      method: init?.method ?? "GET",
      headers,
      ...(init?.credentials ? { credentials: init.credentials } : {}),
      ...(init?.cache ? { cache: init.cache } : {}),
      ...(init?.mode ? { mode: init.mode } : {}),
    },
  };
}

/** Starts workers running `serveOneFetch` from a blob URL, made once; null where there are no workers. */
export function blobFetchWorkers(flushMs: number = STREAM_FLUSH_MS): () => WorkerLike | null {
  if (typeof Worker === "undefined" || typeof Blob === "undefined" || typeof URL.createObjectURL !== "function") {
    return () => null;
  }
  let url: string | null = null;
  return () => {
    url ??= URL.createObjectURL(
      new Blob([`(${String(serveOneFetch)})(self,self.fetch.bind(self),${flushMs})`], { type: "text/javascript" }),
    );
    return new Worker(url) as WorkerLike;
  };
}
