import { useEffect, useRef, useState } from "react";
import { useLabels } from "../labels/labels-context";

export interface CopyButtonProps {
  /** Text to copy; receives the button so it can read nearby DOM. */
  getText: (button: HTMLButtonElement | null) => string;
  label: string;
}

/** Copies to the clipboard and says so, for sighted and screen-reader users alike. */
export function CopyButton({ getText, label }: CopyButtonProps) {
  const labels = useLabels();
  const ref = useRef<HTMLButtonElement>(null);
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(getText(ref.current));
      setState("copied");
    } catch {
      setState("failed");
    }
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setState("idle"), 1500);
  };
  return (
    <button
      ref={ref}
      type="button"
      className="tracy-copy"
      aria-label={label}
      onClick={() => void copy()}
      data-state={state}
    >
      <span aria-live="polite">
        {state === "copied" ? labels.copied : state === "failed" ? labels.copyFailed : labels.copy}
      </span>
    </button>
  );
}
