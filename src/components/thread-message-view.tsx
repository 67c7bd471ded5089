import { memo, useId, useState } from "react";
import type { ThreadMessageItem } from "../protocol/transcript";
import { DisclosureButton } from "./disclosure-button";
import { Markdown } from "./markdown";
import { useLabels } from "../labels/labels-context";

/** A message to or from a sub-agent thread, collapsed to one labelled line by default. */
export const ThreadMessageView = memo(function ThreadMessageView({ item }: { item: ThreadMessageItem }) {
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  const who = item.agentName ?? item.threadId;
  const labels = useLabels();
  return (
    <section
      className="tracy-thread"
      aria-label={item.direction === "sent" ? labels.threadToLabel(who) : labels.threadFromLabel(who)}
    >
      <DisclosureButton className="tracy-thread-trigger" open={open} onOpenChange={setOpen} controls={bodyId}>
        <span className="tracy-tool-chevron" aria-hidden="true" />
        <span>{item.direction === "sent" ? labels.threadTo(who) : labels.threadFrom(who)}</span>
        {!open && <span className="tracy-tool-summary">{item.text.replace(/\s+/g, " ").slice(0, 100)}</span>}
      </DisclosureButton>
      {open && (
        <div className="tracy-thread-body" id={bodyId}>
          <Markdown text={item.text} />
        </div>
      )}
    </section>
  );
});
