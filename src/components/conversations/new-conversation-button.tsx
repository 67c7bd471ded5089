import { useTracyActions } from "../../react/use-tracy";
import { useLabels } from "../../labels/labels-context";
import { useComposerInputRef } from "../composer-input";

/** The focused element, looking into open shadow roots (the panel may render in one). */
function deepActiveElement(doc: Document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Whether focus is still where the person left it when starting over: on the control they used, or
 * nowhere (that control went away with the menu or the message holding it). Anywhere else, they moved on
 * before the message box came back, and taking the focus from there would be a surprise.
 */
function focusStayedOn(from: Element): boolean {
  const doc = from.ownerDocument;
  const active = deepActiveElement(doc);
  return active === null || active === from || active === doc.body || !active.isConnected;
}

/**
 * Leaves the conversation (the draft stays) and puts the cursor in the message box for the next
 * question, once it is enabled again (an ended session disables it), unless the focus moved on meanwhile.
 */
export function useStartNewConversation(): (from: Element) => void {
  const actions = useTracyActions();
  const composerInput = useComposerInputRef();
  return (from) => {
    const input =
      composerInput?.current ?? from.closest(".tracy-panel")?.querySelector<HTMLTextAreaElement>(".tracy-input");
    actions.startOver();
    const focus = () => {
      if (input?.isConnected && focusStayedOn(from)) input.focus();
    };
    if (typeof requestAnimationFrame === "function") requestAnimationFrame(focus);
    else setTimeout(focus, 0);
  };
}

/** "New conversation" where a message says this one can't go on (budget spent, session ended). */
export function NewConversationButton() {
  const labels = useLabels();
  const startNew = useStartNewConversation();
  return (
    <button type="button" className="tracy-button tracy-button-small" onClick={(e) => startNew(e.currentTarget)}>
      {labels.newConversation}
    </button>
  );
}
