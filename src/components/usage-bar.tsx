import { useId, useState } from "react";
import type { UsageTotals } from "../protocol/transcript";
import { useTracy } from "../react/use-tracy";
import { selectUsage, totalTokens } from "../store/select-usage";
import { NewConversationButton } from "./conversations/new-conversation-button";
import { DisclosureButton } from "./disclosure-button";
import { useFormat, useLabels } from "../labels/labels-context";

/**
 * Token spend, split the way it is billed: new input, cache reads (cheap), cache writes and
 * output. Compact by default; the details show every turn and the session.
 */
export function UsageBar() {
  const usage = useTracy(selectUsage);
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const labels = useLabels();
  const format = useFormat();
  if (totalTokens(usage.session) === 0 && !usage.cost) return null;
  const s = usage.session;
  const cachedShare =
    s.inputTokens + s.cacheReadTokens > 0 ? s.cacheReadTokens / (s.inputTokens + s.cacheReadTokens) : 0;
  return (
    <div className="tracy-usage" data-budget-reached={usage.budgetReached ? "" : undefined}>
      <DisclosureButton className="tracy-usage-trigger" open={open} onOpenChange={setOpen} controls={detailsId}>
        <span>
          {labels.usageSummary({
            input: format.compact(s.inputTokens),
            cached: format.compact(s.cacheReadTokens),
            output: format.compact(s.outputTokens),
          })}
        </span>
        {usage.cost && (
          <span className="tracy-usage-cost">
            {labels.usageCost(format.money(usage.cost), usage.budget ? format.money(usage.budget) : null)}
          </span>
        )}
        <span className="tracy-visually-hidden">{open ? labels.usageHideDetails : labels.usageShowDetails}</span>
      </DisclosureButton>
      {usage.budgetReached && (
        <p className="tracy-usage-budget" role="alert">
          {labels.usageBudgetReached(usage.budget ? format.money(usage.budget) : null)} <NewConversationButton />
        </p>
      )}
      {open && (
        <div id={detailsId} className="tracy-usage-details">
          <table>
            <caption className="tracy-visually-hidden">{labels.usageCaption}</caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className="tracy-visually-hidden">{labels.usageTurnColumn}</span>
                </th>
                <th scope="col">{labels.usageNewInput}</th>
                <th scope="col">{labels.usageCacheReads}</th>
                <th scope="col">{labels.usageCacheWrites}</th>
                <th scope="col">{labels.usageOutput}</th>
              </tr>
            </thead>
            <tbody>
              {usage.turns.map((t, i) => (
                <UsageRow
                  key={t.userMessageId ?? "start"}
                  label={labels.usageTurn(format.number(i + 1))}
                  totals={t.totals}
                />
              ))}
              <UsageRow label={labels.usageSession} totals={s} strong />
            </tbody>
          </table>
          <p className="tracy-muted">{labels.usageCacheShare(format.percent(cachedShare))}</p>
        </div>
      )}
    </div>
  );
}

function UsageRow({ label, totals, strong }: { label: string; totals: UsageTotals; strong?: boolean }) {
  const Cell = strong ? "th" : "td";
  const full = useFormat();
  return (
    <tr>
      <th scope="row">{label}</th>
      <Cell>{full.number(totals.inputTokens)}</Cell>
      <Cell>{full.number(totals.cacheReadTokens)}</Cell>
      <Cell>{full.number(totals.cacheWriteTokens)}</Cell>
      <Cell>{full.number(totals.outputTokens)}</Cell>
    </tr>
  );
}
