export type { TracyBackendConfig, HeaderMap } from "./backend-config";
export { createHttpTransport } from "./http-transport";
export { TracyHeadersError, TracyHttpError, isAbortError } from "./errors";
export type * from "./types";
