import { useId, useState, type ReactNode } from "react";

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
        <button type="button" className="tracy-tool-section-toggle" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
          <span className="tracy-tool-chevron" aria-hidden="true" />
          {label}
        </button>
        {open && actions}
      </div>
      <div id={id} className="tracy-tool-section-body" hidden={!open}>
        {open && children}
      </div>
    </div>
  );
}
