/**
 * Event ids shaped like the real upstream's, sorting against the order they are handed out: the
 * stories' and the bench's generator, so every fixture in the repository draws from one.
 */
export { createOpaqueIds, type OpaqueIds } from "../../stories/fixtures/opaque-ids";
