import { useCallback, useId, useRef, type KeyboardEvent } from "react";
import { useTracy, useTracyActions } from "../react/use-tracy";
import { awaitsApproval } from "../store/select-required-actions";
import { selectPhase } from "../store/selectors";
import { useLabels } from "../labels/labels-context";
import { useComposerInputRef } from "./composer-input";

export interface ComposerProps {
  placeholder?: string;
}

/** Enter sends, Shift+Enter adds a line. The draft lives in the store, so no error can lose it. */
export function Composer({ placeholder }: ComposerProps) {
  const labels = useLabels();
  const actions = useTracyActions();
  const draft = useTracy((s) => s.draft);
  const ended = useTracy((s) => s.transcript.status.state === "terminated");
  const busy = useTracy((s) => selectPhase(s).busy);
  const stopping = useTracy((s) => s.stopping);
  const approvalFirst = useTracy((s) => awaitsApproval(s.transcript));
  const inputId = useId();
  const ref = useRef<HTMLTextAreaElement | null>(null);
  const shared = useComposerInputRef();
  const setInput = useCallback(
    (node: HTMLTextAreaElement | null) => {
      // The provider's handle focuses the box that is mounted; an unmounting one lets go only of itself.
      if (shared && (node || shared.current === ref.current)) shared.current = node;
      ref.current = node;
    },
    [shared],
  );

  const submit = () => {
    if (actions.send()) ref.current?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };

  return (
    <form
      className="tracy-composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label htmlFor={inputId} className="tracy-visually-hidden">
        {labels.composerLabel}
      </label>
      <textarea
        id={inputId}
        ref={setInput}
        className="tracy-input"
        rows={2}
        value={draft}
        placeholder={ended ? labels.composerEnded : (placeholder ?? labels.placeholder)}
        disabled={ended}
        onChange={(e) => actions.setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby={`${inputId}-hint`}
      />
      <span id={`${inputId}-hint`} className={approvalFirst ? "tracy-composer-hint" : "tracy-visually-hidden"}>
        {approvalFirst ? labels.composerApprovalFirst : labels.composerHint}
      </span>
      <div className="tracy-composer-actions">
        {busy && (
          <button
            type="button"
            className="tracy-button tracy-button-stop"
            onClick={() => actions.interrupt()}
            disabled={stopping}
          >
            {stopping ? labels.stopping : labels.stop}
          </button>
        )}
        <button
          type="submit"
          className="tracy-button tracy-button-primary"
          disabled={ended || approvalFirst || draft.trim() === ""}
        >
          {labels.send}
        </button>
      </div>
    </form>
  );
}
