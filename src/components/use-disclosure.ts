import { useCallback, useState } from "react";

/** Open/closed state a parent may control; otherwise it follows `fallback` until the user picks. */
export function useDisclosure(fallback: boolean, controlled?: boolean, onChange?: (open: boolean) => void) {
  const [choice, setChoice] = useState<boolean | null>(null);
  const open = controlled ?? choice ?? fallback;
  const setOpen = useCallback(
    (next: boolean) => {
      if (controlled === undefined) setChoice(next);
      onChange?.(next);
    },
    [controlled, onChange],
  );
  return [open, setOpen] as const;
}
