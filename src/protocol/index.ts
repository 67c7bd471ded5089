export * from "./events";
export * from "./transcript";
export { foldEvent, foldEvents, pausePreviews, textOf } from "./fold";
export { traceIdOfContext } from "./trace-context";
export { decodeEvent, type DecodedEvent, type DecodeFailure } from "./decode";
export { ExactInteger, parseJson, stringifyJson } from "./exact-json";
