/**
 * Whether a custom tool of this name is the Tracy backend's to answer (tracy-server runs `run_cypher` with guarded
 * queries): the panel never answers it, and shows it as running on the server while the agent waits.
 */
export const isServerRunTool = (name: string): boolean => name === "run_cypher";
