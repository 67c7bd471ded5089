import { useId, useRef, useState } from "react";
import { stringifyJson } from "../protocol/exact-json";
import type { ToolItem } from "../protocol/transcript";
import { useTracy, useTracyActions } from "../react/use-tracy";
import { scrollRegionProps, useScrolls } from "./use-scrolls";

/** Asks the user to allow or deny a tool call the agent is blocked on. Derived from the log, so it survives reloads. */
export function ApprovalPrompt({ tool }: { tool: ToolItem }) {
  const actions = useTracyActions();
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
        Tracy wants to run <code>{tool.name}</code>
        {tool.serverName && (
          <>
            {" "}
            on <code>{tool.serverName}</code>
          </>
        )}
      </h3>
      <p className="tracy-muted">It needs your approval. This is exactly what it will run:</p>
      <pre ref={inputRef} className="tracy-code tracy-code-wrap" {...scrollRegionProps(inputScrolls, "Tool input")}>
        <code>{input}</code>
      </pre>
      {pending?.error && (
        <p className="tracy-send-failed" role="alert">
          {pending.error.title}. {pending.error.detail}
        </p>
      )}
      {sent ? (
        <p role="status" className="tracy-muted">
          {pending.result === "allow" ? "Allowed. Tracy is continuing…" : "Denied. Tracy is continuing without it…"}
        </p>
      ) : denying ? (
        <form
          className="tracy-approval-actions"
          onSubmit={(e) => {
            e.preventDefault();
            actions.confirmTool(tool.id, "deny", reason);
          }}
        >
          <label htmlFor={reasonId}>Reason (optional)</label>
          <input
            id={reasonId}
            ref={reasonRef}
            className="tracy-input tracy-approval-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            autoFocus
          />
          <button type="submit" className="tracy-button tracy-button-stop">
            Deny
          </button>
          <button type="button" className="tracy-button tracy-button-quiet" onClick={() => setDenying(false)}>
            Back
          </button>
        </form>
      ) : (
        <div className="tracy-approval-actions">
          <button
            type="button"
            className="tracy-button tracy-button-primary"
            onClick={() => actions.confirmTool(tool.id, "allow")}
          >
            Allow
          </button>
          <button type="button" className="tracy-button" onClick={() => setDenying(true)}>
            Deny…
          </button>
        </div>
      )}
    </section>
  );
}

/** How an approval ended, shown under the tool card once the log has it. */
export function ConfirmationLine({ tool }: { tool: ToolItem }) {
  if (!tool.confirmation) return null;
  const allowed = tool.confirmation.result === "allow";
  return (
    <p className="tracy-confirmation" data-result={tool.confirmation.result}>
      {allowed ? "You allowed this call." : "You denied this call"}
      {!allowed && (tool.confirmation.denyMessage ? `: “${tool.confirmation.denyMessage}”` : ".")}
    </p>
  );
}
