export * from "./events";
export * from "./transcript";
export { foldEvent, foldEvents, textOf } from "./fold";
export { decodeEvent, decodeEventData, type DecodedEvent } from "./decode";
export { compareEventIds } from "./event-id";
export { ExactInteger, parseJson, stringifyJson } from "./exact-json";
