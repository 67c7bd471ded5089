import { useTracyActions } from "../../react/use-tracy";
import { useLabels } from "../../labels/labels-context";
import { useComposerInputRef } from "../composer-input";

/**
 * Leaves the conversation (the draft stays) and puts the cursor in the message box for the next
 * question, once it is enabled again (an ended session disables it).
 */
export function useStartNewConversation(): (from: Element) => void {
  const actions = useTracyActions();
  const composerInput = useComposerInputRef();
  return (from) => {
    const input =
      composerInput?.current ?? from.closest(".tracy-panel")?.querySelector<HTMLTextAreaElement>(".tracy-input");
    actions.startOver();
    const focus = () => input?.isConnected && input.focus();
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
