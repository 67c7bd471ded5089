import { useRef, useState } from "react";
import { scrollRegionProps, useScrolls } from "../use-scrolls";

/** Above this, output is cut for display: a multi-megabyte `<pre>` stalls layout. */
export const OUTPUT_LIMIT = 20_000;

export interface TruncatedPreProps {
  text: string;
  limit?: number;
  className?: string;
  /** Button text; the full length is appended. */
  moreLabel?: string;
  /** The name it gets as a focusable region while it scrolls. */
  label?: string;
}

/** Preformatted text cut at `limit` characters, with a button for the rest. */
export function TruncatedPre({
  text,
  limit = OUTPUT_LIMIT,
  className = "tracy-code",
  moreLabel = "Show full output",
  label = "Output",
}: TruncatedPreProps) {
  const [full, setFull] = useState(false);
  const cut = !full && text.length > limit;
  const shown = cut ? `${text.slice(0, limit)}…` : text;
  const ref = useRef<HTMLPreElement>(null);
  const scrolls = useScrolls(ref, shown);
  return (
    <div className="tracy-truncated">
      <pre ref={ref} className={className} {...scrollRegionProps(scrolls, label)}>
        {shown}
      </pre>
      {cut && (
        <p className="tracy-truncated-note">
          <span className="tracy-muted">
            Showing {limit.toLocaleString("en-US")} of {text.length.toLocaleString("en-US")} characters.
          </span>{" "}
          <button type="button" className="tracy-button tracy-button-small" onClick={() => setFull(true)}>
            {moreLabel}
          </button>
        </p>
      )}
    </div>
  );
}
