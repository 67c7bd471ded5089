import type { Scenario } from "../engine/types";

const SERVICES = ["checkout-api", "payments-svc", "payments-db", "fraud-check", "inventory-svc", "cart-cache"];
const SPAN_COUNT = 500;

/**
 * A reply longer than the panel renders at once: every span of the trace as one markdown table
 * (about 24K characters). Sent whole rather than streamed, as a model's long tool-free output can be.
 */
export const spanDumpScenario: Scenario = {
  name: "span-dump",
  async run(ctx) {
    await ctx.modelRequest(async () => {
      ctx.emit({ type: "agent.message", content: [{ type: "text", text: spanDump(ctx.traceId) }] });
    });
  },
};

function spanDump(traceId: string): string {
  const rows = Array.from({ length: SPAN_COUNT }, (_, i) => {
    const service = SERVICES[i % SERVICES.length] ?? "checkout-api";
    const duration = Math.round(2930 / (1 + i / 8));
    return `| ${i + 1} | ${service} | \`op_${String(i).padStart(3, "0")}\` | ${duration} ms | ${i % 37 === 5 ? "ERROR" : "OK"} |`;
  });
  return [
    `All ${SPAN_COUNT} \`POST /checkout\` spans of the last hour, trace \`${traceId}\` among them, slowest first:`,
    "",
    "| # | Service | Operation | Duration | Status |",
    "|---:|---|---|---:|---|",
    ...rows,
    "",
    "That is every span; the first eight account for 91% of the time.",
  ].join("\n");
}
