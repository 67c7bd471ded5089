import { useId, useRef, useState } from "react";
import { stringifyJson } from "../protocol/exact-json";
import type { ToolItem } from "../protocol/transcript";
import { useTracy, useTracyActions } from "../react/use-tracy";
import { scrollRegionProps, useScrolls } from "./use-scrolls";
import { useFormat, useLabels } from "../labels/labels-context";
import { panelErrorText } from "../labels/panel-error-text";

/** Asks the user to allow or deny a tool call the agent is blocked on. Derived from the log, so it survives reloads. */
export function ApprovalPrompt({ tool }: { tool: ToolItem }) {
  const actions = useTracyActions();
  const labels = useLabels();
  const format = useFormat();
  const pending = useTracy((s) => s.confirmations[tool.id]);
  const [denying, setDenying] = useState(false);
  const [reason, setReason] = useState("");
  const reasonId = useId();
  const headingId = useId();
  const reasonRef = useRef<HTMLInputElement>(null);
  const sent = pending && !pending.error;
  // Exactly what will run: ids beyond 2^53 with every digit.
  const input = stringifyJson(tool.input, 2) ?? "{}";
  const inputRef = useRef<HTMLPreElement>(null);
  const inputScrolls = useScrolls(inputRef, input);

  return (
    <section className="tracy-approval" aria-labelledby={headingId} data-state={sent ? "sent" : "waiting"}>
      <h3 id={headingId} className="tracy-approval-title">
        {labels.approvalWantsToRun} <code>{tool.name}</code>
        {tool.serverName && (
          <>
            {" "}
            {labels.approvalOnServer} <code>{tool.serverName}</code>
          </>
        )}
      </h3>
      <p className="tracy-muted">{labels.approvalExplain}</p>
      <pre
        ref={inputRef}
        className="tracy-code tracy-code-wrap"
        {...scrollRegionProps(inputScrolls, labels.approvalInput)}
      >
        <code>{input}</code>
      </pre>
      {pending?.error && (
        <p className="tracy-send-failed" role="alert">
          {labels.errorLine(panelErrorText(labels, format, pending.error))}
        </p>
      )}
      {sent ? (
        <p role="status" className="tracy-muted">
          {pending.result === "allow" ? labels.approvalAllowed : labels.approvalDenied}
        </p>
      ) : denying ? (
        <form
          className="tracy-approval-actions"
          onSubmit={(e) => {
            e.preventDefault();
            actions.confirmTool(tool.id, "deny", reason);
          }}
        >
          <label htmlFor={reasonId}>{labels.denyReason}</label>
          <input
            id={reasonId}
            ref={reasonRef}
            className="tracy-input tracy-approval-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            autoFocus
          />
          <button type="submit" className="tracy-button tracy-button-stop">
            {labels.deny}
          </button>
          <button type="button" className="tracy-button tracy-button-quiet" onClick={() => setDenying(false)}>
            {labels.back}
          </button>
        </form>
      ) : (
        <div className="tracy-approval-actions">
          <button
            type="button"
            className="tracy-button tracy-button-primary"
            onClick={() => actions.confirmTool(tool.id, "allow")}
          >
            {labels.allow}
          </button>
          <button type="button" className="tracy-button" onClick={() => setDenying(true)}>
            {labels.denyStart}
          </button>
        </div>
      )}
    </section>
  );
}

/** How an approval ended, shown under the tool card once the log has it. */
export function ConfirmationLine({ tool }: { tool: ToolItem }) {
  const labels = useLabels();
  if (!tool.confirmation) return null;
  const allowed = tool.confirmation.result === "allow";
  return (
    <p className="tracy-confirmation" data-result={tool.confirmation.result}>
      {allowed ? labels.confirmationAllowed : labels.confirmationDenied(tool.confirmation.denyMessage || null)}
    </p>
  );
}
