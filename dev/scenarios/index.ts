import type { Scenario } from "../engine/types";
import { approvalScenario } from "./approval";
import { clientToolScenario } from "./client-tool";
import { cypherScenario } from "./cypher";
import { markdownScenario } from "./markdown-summary";
import { exhaustedScenario, fatalScenario, overloadedScenario } from "./model-errors";
import { schemaScenario } from "./schema-tool";
import { slowQueryScenario } from "./slow-query";
import { spanDumpScenario } from "./span-dump";
import { budgetScenario, subAgentScenario } from "./sub-agents";
import { terminateScenario } from "./terminate";
import { traceTreeScenario } from "./trace-tree";

/**
 * First match wins, so the more specific keywords come first. The slow-query
 * scenario does not match a bare "slow": the default question ("Why is checkout
 * slow in this trace?") must reach the Cypher scenario.
 */
const ROUTES: ReadonlyArray<readonly [RegExp, Scenario]> = [
  [/terminate/, terminateScenario],
  [/budget/, budgetScenario],
  [/sub-agent|delegate/, subAgentScenario],
  [/fatal/, fatalScenario],
  [/current trace/, clientToolScenario],
  [/approve|delete/, approvalScenario],
  [/schema/, schemaScenario],
  [/timeout|timed out|slow query|multi-hop/, slowQueryScenario],
  [/exhausted|give up/, exhaustedScenario],
  [/error|fail/, overloadedScenario],
  [/markdown|summary/, markdownScenario],
  [/every span|all spans/, spanDumpScenario],
  [/\bgraph\b|\btree\b/, traceTreeScenario],
];

export const SCENARIOS: readonly Scenario[] = [cypherScenario, ...ROUTES.map(([, scenario]) => scenario)];

export function pickScenario(userText: string): Scenario {
  const text = userText.toLowerCase();
  return ROUTES.find(([pattern]) => pattern.test(text))?.[1] ?? cypherScenario;
}
