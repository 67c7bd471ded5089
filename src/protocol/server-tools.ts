/**
 * Custom tools the Tracy backend runs itself (tracy-server answers `run_cypher` with guarded queries): the panel never
 * answers them, and shows them as running on the server while the agent waits.
 */
export const SERVER_RUN_TOOLS: ReadonlySet<string> = new Set(["run_cypher"]);

/** Whether a custom tool of this name is the backend's to answer. */
export function isServerRunTool(name: string): boolean {
  return SERVER_RUN_TOOLS.has(name);
}
