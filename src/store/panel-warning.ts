import type { DecodeFailure } from "../protocol/decode";

/** Something was skipped but the panel carries on; a code and its data, worded by the views. */
export type PanelWarning =
  /** A live event could not be decoded; `reason` is the decoder's code, null when the stream sent no JSON. */
  | { kind: "unreadable-event"; reason: DecodeFailure | null }
  /** History events that could not be decoded. */
  | { kind: "unreadable-history"; count: number }
  /** Decoded events the fold could not apply. */
  | { kind: "unshown-events"; count: number };
