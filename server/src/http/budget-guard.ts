import { ProtocolError } from "../errors.js";
import type { UsageRepo } from "../store/usage-repo.js";

export interface BudgetOptions {
  /** Monthly list-cost ceiling per tenant in USD, unless the tenant has its own; null: no ceiling. @default null */
  defaultMonthlyUsd?: number | null;
}

/** Refuses new turns once a tenant's spend this month has reached its ceiling. */
export class BudgetGuard {
  constructor(
    private readonly usage: UsageRepo,
    private readonly options: BudgetOptions,
  ) {}

  async assertCanStartTurn(tenantId: string): Promise<void> {
    const own = await this.usage.tenantLimit(tenantId);
    const fallback = this.options.defaultMonthlyUsd;
    const limit = own ?? (fallback === undefined || fallback === null ? null : Math.round(fallback * 1e9));
    if (limit === null) return;
    const spent = (await this.usage.tenantMonthTotals(tenantId)).costNanoUsd;
    if (spent < limit) return;
    throw new ProtocolError(
      402,
      `Tenant ${tenantId} has used its Tracy budget for this month (${usd(spent)} of ${usd(limit)}). Ask an admin to raise it; new questions are refused until then.`,
      "budget_exceeded_error",
    );
  }
}

const usd = (nano: number): string => `$${(nano / 1e9).toFixed(2)}`;
