/** What the model asked `run_cypher` for: `{ query: string, params?: object }`. */
export interface RunCypherInput {
  query: string;
  params: Record<string, unknown>;
}

/** The longest query the server accepts from the model. */
export const MAX_QUERY_CHARS = 20_000;

/** The model's tool input, checked; a string says what is wrong with it, in words the model can act on. */
export function readRunCypherInput(input: unknown): RunCypherInput | string {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    return 'run_cypher takes an object: {"query": "<Cypher>", "params": {...}}.';
  const { query, params } = input as Record<string, unknown>;
  if (typeof query !== "string" || query.trim() === "") return "run_cypher needs a non-empty string `query`.";
  if (query.length > MAX_QUERY_CHARS) return `The query is longer than ${MAX_QUERY_CHARS} characters.`;
  if (params !== undefined && params !== null && (typeof params !== "object" || Array.isArray(params)))
    return "`params` must be an object of named parameters.";
  return { query, params: (params ?? {}) as Record<string, unknown> };
}
