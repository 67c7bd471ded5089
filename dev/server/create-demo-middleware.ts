import type { IncomingMessage, ServerResponse } from "node:http";
import { DemoBackend, type DemoBackendOptions } from "../engine/demo-backend";
import { handleDemoRequest } from "./handle-request";
import { sendError, sendJson } from "./http-io";

export interface DemoMiddlewareOptions extends DemoBackendOptions {
  /** Share a backend (e.g. with a test); by default the middleware creates its own. */
  backend?: DemoBackend;
  /**
   * Stripped from the URL when present. Not needed when the host strips the
   * mount path itself, as Connect does for `server.middlewares.use("/api/tracy", mw)`.
   */
  basePath?: string;
}

export type ConnectNext = (error?: unknown) => void;
export type DemoMiddleware = ((req: IncomingMessage, res: ServerResponse, next?: ConnectNext) => void) & {
  readonly backend: DemoBackend;
};

export function createDemoMiddleware(options: DemoMiddlewareOptions = {}): DemoMiddleware {
  const backend = options.backend ?? new DemoBackend(backendOptions(options));
  const basePath = (options.basePath ?? "").replace(/\/+$/, "");

  const middleware = (req: IncomingMessage, res: ServerResponse, next?: ConnectNext): void => {
    const url = new URL(req.url ?? "/", "http://demo.invalid");
    if (basePath && (url.pathname === basePath || url.pathname.startsWith(`${basePath}/`))) {
      url.pathname = url.pathname.slice(basePath.length) || "/";
    }
    handleDemoRequest(backend, req, res, url).then(
      (handled) => {
        if (handled) return;
        if (next) next();
        else
          sendJson(res, 404, {
            type: "error",
            error: { type: "not_found_error", message: `No route for ${req.method ?? "GET"} ${req.url ?? "/"}` },
          });
      },
      (error: unknown) => sendError(res, error),
    );
  };
  return Object.assign(middleware, { backend });
}

function backendOptions(options: DemoMiddlewareOptions): DemoBackendOptions {
  const result: DemoBackendOptions = {};
  if (options.speed !== undefined) result.speed = options.speed;
  if (options.pickScenario) result.pickScenario = options.pickScenario;
  return result;
}
