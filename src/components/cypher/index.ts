export { CypherCard, type CypherCardProps } from "./cypher-card";
export { isCypherTool, looksLikeCypher, queryOf } from "./is-cypher-tool";
export { highlightCypher, type CypherToken, type CypherTokenKind } from "./highlight-cypher";
export { cypherHints, type CypherHint, type CypherHintId } from "./cypher-hints";
export { toCsv, csvField } from "./csv";
