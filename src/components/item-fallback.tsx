import { useId, useState } from "react";
import type { TranscriptItem } from "../protocol/transcript";
import { DisclosureButton } from "./disclosure-button";
import { TruncatedPre } from "./tool-parts/truncated-pre";
import { useLabels } from "../labels/labels-context";

/**
 * Shown in place of one transcript item whose view threw: the rest of the conversation stays, and
 * the item's data is still there to read or copy, as text (never as markup).
 */
export function ItemFallback({ item }: { item: TranscriptItem }) {
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  const labels = useLabels();
  return (
    <div className="tracy-item-fallback" role="note">
      <span className="tracy-muted">{labels.itemFailed}</span>{" "}
      <DisclosureButton
        className="tracy-button tracy-button-small"
        open={open}
        onOpenChange={setOpen}
        controls={bodyId}
      >
        {open ? labels.hideRawData : labels.showRawData}
      </DisclosureButton>
      {open && (
        <div id={bodyId}>
          <TruncatedPre text={rawText(item)} label={labels.rawData} />
        </div>
      )}
    </div>
  );
}

/** The item as JSON; its text alone if it can't be serialised (too deep, a cycle). Never throws. */
export function rawText(item: TranscriptItem): string {
  try {
    return JSON.stringify(item, null, 2);
  } catch {
    return "text" in item && typeof item.text === "string" ? item.text : `${item.kind} ${String(item.id)}`;
  }
}
