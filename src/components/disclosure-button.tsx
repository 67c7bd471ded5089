import type { ReactNode } from "react";

export interface DisclosureButtonProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Id of the element it shows and hides. */
  controls: string;
  className: string;
  children: ReactNode;
}

/** The button of a disclosure (WAI-ARIA pattern): toggles `open` and says so with `aria-expanded`. */
export function DisclosureButton({ open, onOpenChange, controls, className, children }: DisclosureButtonProps) {
  return (
    <button
      type="button"
      className={className}
      aria-expanded={open}
      aria-controls={controls}
      onClick={() => onOpenChange(!open)}
    >
      {children}
    </button>
  );
}
