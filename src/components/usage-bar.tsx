import { useId, useState } from "react";
import type { MonetaryAmount } from "../protocol/events";
import type { UsageTotals } from "../protocol/transcript";
import { useTracy } from "../react/use-tracy";
import { selectUsage, totalTokens } from "../store/select-usage";
import { DisclosureButton } from "./disclosure-button";

const compact = new Intl.NumberFormat(undefined, { notation: "compact", maximumFractionDigits: 1 });
const full = new Intl.NumberFormat();

function money(m: MonetaryAmount): string {
  const value = Number(m.amount);
  if (!Number.isFinite(value)) return `${m.amount} ${m.currency}`;
  try {
    return new Intl.NumberFormat(undefined, {
      style: "currency",
      currency: m.currency,
      maximumFractionDigits: value < 1 ? 4 : 2,
    }).format(value);
  } catch {
    return `${m.amount} ${m.currency}`;
  }
}

/**
 * Token spend, split the way it is billed: new input, cache reads (cheap), cache writes and
 * output. Compact by default; the details show every turn and the session.
 */
export function UsageBar() {
  const usage = useTracy(selectUsage);
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  if (totalTokens(usage.session) === 0 && !usage.cost) return null;
  const s = usage.session;
  const cachedShare =
    s.inputTokens + s.cacheReadTokens > 0 ? s.cacheReadTokens / (s.inputTokens + s.cacheReadTokens) : 0;
  return (
    <div className="tracy-usage" data-budget-reached={usage.budgetReached ? "" : undefined}>
      <DisclosureButton className="tracy-usage-trigger" open={open} onOpenChange={setOpen} controls={detailsId}>
        <span>
          {compact.format(s.inputTokens)} new · {compact.format(s.cacheReadTokens)} cached ·{" "}
          {compact.format(s.outputTokens)} out
        </span>
        {usage.cost && (
          <span className="tracy-usage-cost">
            {money(usage.cost)}
            {usage.budget && ` of ${money(usage.budget)}`}
          </span>
        )}
        <span className="tracy-visually-hidden">{open ? "Hide" : "Show"} token usage details</span>
      </DisclosureButton>
      {usage.budgetReached && (
        <p className="tracy-usage-budget" role="alert">
          This session reached its budget{usage.budget ? ` of ${money(usage.budget)}` : ""}. Start a new conversation to
          continue.
        </p>
      )}
      {open && (
        <div id={detailsId} className="tracy-usage-details">
          <table>
            <caption className="tracy-visually-hidden">Token usage by turn</caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className="tracy-visually-hidden">Turn</span>
                </th>
                <th scope="col">New input</th>
                <th scope="col">Cache reads</th>
                <th scope="col">Cache writes</th>
                <th scope="col">Output</th>
              </tr>
            </thead>
            <tbody>
              {usage.turns.map((t, i) => (
                <UsageRow key={t.userMessageId ?? "start"} label={`Turn ${i + 1}`} totals={t.totals} />
              ))}
              <UsageRow label="Session" totals={s} strong />
            </tbody>
          </table>
          <p className="tracy-muted">
            {Math.round(cachedShare * 100)}% of input came from the prompt cache. Cache reads cost about a tenth of new
            input; long Cypher results add new input every turn.
          </p>
        </div>
      )}
    </div>
  );
}

function UsageRow({ label, totals, strong }: { label: string; totals: UsageTotals; strong?: boolean }) {
  const Cell = strong ? "th" : "td";
  return (
    <tr>
      <th scope="row">{label}</th>
      <Cell>{full.format(totals.inputTokens)}</Cell>
      <Cell>{full.format(totals.cacheReadTokens)}</Cell>
      <Cell>{full.format(totals.cacheWriteTokens)}</Cell>
      <Cell>{full.format(totals.outputTokens)}</Cell>
    </tr>
  );
}
