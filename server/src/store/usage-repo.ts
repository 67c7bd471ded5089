import { toNumber, type Queryable } from "../db/database.js";

/** List prices in USD per million tokens. */
export interface ModelPrices {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

/** Sonnet-class list prices (5-minute cache writes). */
export const DEFAULT_PRICES: ModelPrices = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 };

export interface ModelUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}

export interface UsageTotals {
  inputTokens: number;
  cacheCreationInputTokens: number;
  cacheReadInputTokens: number;
  outputTokens: number;
  costNanoUsd: number;
}

/** USD per million tokens is micro-USD per token, so nano-USD per token is an integer for prices with ≤ 3 decimals. */
const nanoPerToken = (usdPerMillion: number): number => Math.round(usdPerMillion * 1000);

export function costNanoUsd(usage: ModelUsage, prices: ModelPrices): number {
  return (
    usage.input_tokens * nanoPerToken(prices.input) +
    usage.output_tokens * nanoPerToken(prices.output) +
    usage.cache_read_input_tokens * nanoPerToken(prices.cacheRead) +
    usage.cache_creation_input_tokens * nanoPerToken(prices.cacheWrite)
  );
}

const TOTALS = `coalesce(sum(input_tokens), 0) AS input, coalesce(sum(cache_creation_input_tokens), 0) AS cache_write,
  coalesce(sum(cache_read_input_tokens), 0) AS cache_read, coalesce(sum(output_tokens), 0) AS output,
  coalesce(sum(cost_nano_usd), 0) AS cost`;

function totalsFrom(row: Record<string, unknown> | undefined): UsageTotals {
  return {
    inputTokens: toNumber(row?.["input"]),
    cacheCreationInputTokens: toNumber(row?.["cache_write"]),
    cacheReadInputTokens: toNumber(row?.["cache_read"]),
    outputTokens: toNumber(row?.["output"]),
    costNanoUsd: toNumber(row?.["cost"]),
  };
}

/** The usage ledger (one row per model request, claimed by its event id) and per-tenant monthly budgets. */
export class UsageRepo {
  constructor(private readonly db: Queryable) {}

  /** Records one `span.model_request_end`; false when that event was already counted. */
  async record(entry: {
    eventId: string;
    sessionId: string;
    tenantId: string;
    usage: ModelUsage;
    prices: ModelPrices;
  }): Promise<boolean> {
    const { usage } = entry;
    const rows = await this.db.query(
      `INSERT INTO tracy_usage_ledger (event_id, session_id, tenant_id, input_tokens, cache_creation_input_tokens,
         cache_read_input_tokens, output_tokens, cost_nano_usd)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [
        entry.eventId,
        entry.sessionId,
        entry.tenantId,
        usage.input_tokens,
        usage.cache_creation_input_tokens,
        usage.cache_read_input_tokens,
        usage.output_tokens,
        costNanoUsd(usage, entry.prices),
      ],
    );
    return rows.length > 0;
  }

  async sessionTotals(sessionId: string): Promise<UsageTotals> {
    const rows = await this.db.query(`SELECT ${TOTALS} FROM tracy_usage_ledger WHERE session_id = $1`, [sessionId]);
    return totalsFrom(rows[0]);
  }

  /** Spend since the start of the current calendar month (UTC). */
  async tenantMonthTotals(tenantId: string): Promise<UsageTotals> {
    const rows = await this.db.query(
      `SELECT ${TOTALS} FROM tracy_usage_ledger
       WHERE tenant_id = $1 AND recorded_at >= date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`,
      [tenantId],
    );
    return totalsFrom(rows[0]);
  }

  /** The tenant's own monthly limit in nano-USD, or null to use the server default. */
  async tenantLimit(tenantId: string): Promise<number | null> {
    const rows = await this.db.query("SELECT monthly_limit_nano_usd FROM tracy_tenant_budgets WHERE tenant_id = $1", [
      tenantId,
    ]);
    return rows[0] ? toNumber(rows[0]["monthly_limit_nano_usd"]) : null;
  }

  async setTenantLimit(tenantId: string, monthlyUsd: number): Promise<void> {
    await this.db.query(
      `INSERT INTO tracy_tenant_budgets (tenant_id, monthly_limit_nano_usd) VALUES ($1, $2)
       ON CONFLICT (tenant_id) DO UPDATE SET monthly_limit_nano_usd = EXCLUDED.monthly_limit_nano_usd, updated_at = now()`,
      [tenantId, Math.round(monthlyUsd * 1e9)],
    );
  }
}
