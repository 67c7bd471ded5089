import { useId, useState, type ReactNode } from "react";
import { DisclosureButton } from "../disclosure-button";

export interface ToolSectionProps {
  label: string;
  defaultOpen?: boolean;
  /** Buttons beside the label (Copy…), shown while open. */
  actions?: ReactNode;
  children: ReactNode;
}

/** A titled part of a tool card (Input, Output, Query) that folds on its own. */
export function ToolSection({ label, defaultOpen = true, actions, children }: ToolSectionProps) {
  const [open, setOpen] = useState(defaultOpen);
  const id = useId();
  return (
    <div className="tracy-tool-section" data-open={open ? "" : undefined}>
      <div className="tracy-tool-label">
        <DisclosureButton className="tracy-tool-section-toggle" open={open} onOpenChange={setOpen} controls={id}>
          <span className="tracy-tool-chevron" aria-hidden="true" />
          {label}
        </DisclosureButton>
        {open && actions}
      </div>
      <div id={id} className="tracy-tool-section-body" hidden={!open}>
        {open && children}
      </div>
    </div>
  );
}
