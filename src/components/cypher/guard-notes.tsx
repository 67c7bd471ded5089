import { useLabels } from "../../labels/labels-context";
import type { GuardNoteView } from "./guard-report";

export interface GuardNoteListProps {
  notes: readonly GuardNoteView[];
  /** Accessible name of the list. */
  label: string;
  tone: "rewrite" | "reason";
}

/** The guard's notes: its message in words, with the stable code beside it. Text only, never HTML. */
export function GuardNoteList({ notes, label, tone }: GuardNoteListProps) {
  if (notes.length === 0) return null;
  return (
    <ul className={`tracy-guard-notes tracy-guard-${tone}`} aria-label={label}>
      {notes.map((note, i) => (
        <li key={i} className="tracy-guard-note">
          {note.message}
          {note.code && (
            <>
              {" "}
              <code className="tracy-guard-code">{note.code}</code>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The notes of a rewritten query, titled. */
export function GuardRewriteNotes({ notes }: { notes: readonly GuardNoteView[] }) {
  const labels = useLabels();
  return <GuardNoteList notes={notes} label={labels.guardRewriteNotes} tone="rewrite" />;
}
