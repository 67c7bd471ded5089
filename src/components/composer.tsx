import { useCallback, useId, useRef, useState, type KeyboardEvent } from "react";
import { useIsomorphicLayoutEffect } from "../react/use-isomorphic-layout-effect";
import { useTracy, useTracyActions, useTracyStoreApi } from "../react/use-tracy";
import { awaitsApproval } from "../store/select-required-actions";
import { selectPhase } from "../store/selectors";
import { useLabels } from "../labels/labels-context";
import { useComposerInputRef } from "./composer-input";

export interface ComposerProps {
  placeholder?: string;
}

/**
 * Enter sends, Shift+Enter adds a line (not while an input method composes), Escape stops a running reply.
 * The box grows with its text up to its CSS `max-height`, then scrolls. Messages sent while Tracy answers
 * wait in the queue. The draft lives in the store, so no error can lose it.
 *
 * The box is not a controlled input: a keystroke writes the store, and nothing re-renders for it (the Send
 * button only when the draft turns empty or not). The store's draft is written into the box when it changes
 * for another reason (sent, a failed message given back, another tenant's draft). While a reply streams, a
 * controlled box cost every keystroke a render, a commit and a rewrite of the box's text.
 */
export function Composer({ placeholder }: ComposerProps) {
  const labels = useLabels();
  const actions = useTracyActions();
  const store = useTracyStoreApi();
  const [initialDraft] = useState(() => store.getState().draft);
  const hasText = useTracy((s) => /\S/.test(s.draft));
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

  const fitted = useRef(0);
  const fit = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    fitToText(el, el.value.length < fitted.current);
    fitted.current = el.value.length;
  }, []);
  // The store's draft into the box, when it is not what the box already shows (the reader's own typing is).
  useIsomorphicLayoutEffect(() => {
    const show = (draft: string) => {
      const el = ref.current;
      if (!el || el.value === draft) return;
      el.value = draft;
      fit();
    };
    show(store.getState().draft);
    return store.subscribe((state, previous) => {
      if (state.draft !== previous.draft) show(state.draft);
    });
  }, [store, fit]);

  const submit = () => {
    if (actions.send()) ref.current?.focus();
  };
  // The Stop button goes away (or is disabled) under the pointer: focus stays in the message box, not the page.
  const stop = () => {
    actions.interrupt();
    ref.current?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // keyCode 229: the key went to an input method (Safari reports Enter that ends a composition so).
    if (e.nativeEvent.isComposing || e.keyCode === 229) return;
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      submit();
    } else if (e.key === "Escape" && busy && !stopping) {
      e.preventDefault();
      stop();
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
        defaultValue={initialDraft}
        placeholder={ended ? labels.composerEnded : (placeholder ?? labels.placeholder)}
        disabled={ended}
        onChange={(e) => {
          actions.setDraft(e.target.value);
          fit();
        }}
        onKeyDown={onKeyDown}
        aria-describedby={`${inputId}-hint`}
      />
      <span id={`${inputId}-hint`} className={approvalFirst ? "tracy-composer-hint" : "tracy-visually-hidden"}>
        {approvalFirst ? labels.composerApprovalFirst : labels.composerHint}
      </span>
      <span role="status" className="tracy-visually-hidden">
        {stopping ? labels.stopRequested : ""}
      </span>
      <div className="tracy-composer-actions">
        {busy && (
          <button type="button" className="tracy-button tracy-button-stop" onClick={stop} disabled={stopping}>
            {stopping ? labels.stopping : labels.stop}
          </button>
        )}
        <button
          type="submit"
          className="tracy-button tracy-button-primary"
          disabled={ended || approvalFirst || !hasText}
        >
          {labels.send}
        </button>
      </div>
    </form>
  );
}

/**
 * Sizes the box to its text; CSS `max-height` caps it, and past that it scrolls. Growing needs one measure; only
 * a shorter text resets the height first (a second layout, which moves the conversation above), so typing on a
 * line costs no more than it did.
 */
function fitToText(el: HTMLTextAreaElement, shrank: boolean): void {
  if (!shrank && el.scrollHeight <= el.clientHeight) return;
  if (shrank) el.style.height = "auto";
  const borders = el.offsetHeight - el.clientHeight;
  el.style.height = `${el.scrollHeight + Math.max(0, borders)}px`;
}
