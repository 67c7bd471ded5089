import { useRef, useState } from "react";
import { scrollRegionProps, useScrolls } from "../use-scrolls";
import { useFormat, useLabels } from "../../labels/labels-context";

/** Above this, output is cut for display: a multi-megabyte `<pre>` stalls layout. */
export const OUTPUT_LIMIT = 20_000;

export interface TruncatedPreProps {
  text: string;
  limit?: number;
  className?: string;
  /** Button text. @default labels.showFullOutput */
  moreLabel?: string;
  /** The name it gets as a focusable region while it scrolls. @default labels.output */
  label?: string;
}

/** Preformatted text cut at `limit` characters, with a button for the rest. */
export function TruncatedPre({
  text,
  limit = OUTPUT_LIMIT,
  className = "tracy-code",
  moreLabel,
  label,
}: TruncatedPreProps) {
  const labels = useLabels();
  const format = useFormat();
  const [full, setFull] = useState(false);
  const cut = !full && text.length > limit;
  const shown = cut ? `${text.slice(0, limit)}…` : text;
  const ref = useRef<HTMLPreElement>(null);
  const scrolls = useScrolls(ref, shown);
  return (
    <div className="tracy-truncated">
      <pre ref={ref} className={className} {...scrollRegionProps(scrolls, label ?? labels.output)}>
        {shown}
      </pre>
      {cut && (
        <p className="tracy-truncated-note">
          <span className="tracy-muted">
            {labels.outputShowing({ shown: format.number(limit), total: format.number(text.length) })}
          </span>{" "}
          <button type="button" className="tracy-button tracy-button-small" onClick={() => setFull(true)}>
            {moreLabel ?? labels.showFullOutput}
          </button>
        </p>
      )}
    </div>
  );
}
