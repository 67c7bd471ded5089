/**
 * Adversarial Cypher for the guard, each entry with the attack it tries. Run as tenant `acme` against a graph that
 * also holds tenant `globex` (every globex node's name contains GLOBEX) and cross-tenant edges: no entry may return
 * globex data or change the graph. `reject: true` marks entries the guard must refuse outright.
 */
export type Attack =
  | "or"
  | "not"
  | "union"
  | "with"
  | "optional-match"
  | "param-shadowing"
  | "comment"
  | "string-escape"
  | "unicode"
  | "backtick"
  | "case"
  | "second-statement"
  | "write"
  | "exhaust"
  | "procedure"
  | "subquery"
  | "pattern-expression"
  | "traversal"
  | "id-lookup"
  | "other-source";

export interface LeakCase {
  attack: Attack;
  query: string;
  params?: Record<string, unknown>;
  reject?: true;
}

const G = "'globex'";
const LABELS = ["Span", "Trace", "Service"] as const;

const or: LeakCase[] = LABELS.flatMap((l) => [
  { attack: "or", query: `MATCH (n:${l}) WHERE n.tenant_id = ${G} OR true RETURN n.name, n.tenant_id` },
  { attack: "or", query: `MATCH (n:${l}) WHERE true OR n.tenant_id = ${G} RETURN n` },
  { attack: "or", query: `MATCH (n:${l}) WHERE n.tenant_id = 'acme' OR n.tenant_id = ${G} RETURN n.name` },
  { attack: "or", query: `MATCH (n:${l}) WHERE n.tenant_id = 'acme' OR 1 = 1 RETURN n.name` },
  { attack: "or", query: `MATCH (n:${l}) WHERE (n.tenant_id = ${G}) XOR false RETURN n.name` },
  { attack: "or", query: `MATCH (n:${l}) WHERE n.name CONTAINS 'GLOBEX' OR n.name STARTS WITH 'G' RETURN n.name` },
  { attack: "or", query: `MATCH (n:${l}) WHERE n.tenant_id IN ['acme', 'globex'] RETURN n.name` },
  { attack: "or", query: `MATCH (n:${l}) WHERE n.tenant_id =~ '.*' RETURN n.name` },
]);

const not: LeakCase[] = LABELS.flatMap((l) => [
  { attack: "not", query: `MATCH (n:${l}) WHERE NOT n.tenant_id = 'acme' RETURN n.name` },
  { attack: "not", query: `MATCH (n:${l}) WHERE NOT (n.tenant_id <> ${G}) RETURN n.name` },
  { attack: "not", query: `MATCH (n:${l}) WHERE NOT NOT true RETURN n.name` },
  { attack: "not", query: `MATCH (n:${l}) WHERE n.tenant_id IS NULL OR NOT n.tenant_id = 'acme' RETURN n` },
  { attack: "not", query: `MATCH (n:${l}) WHERE n.tenant_id <> 'acme' RETURN count(n) AS c, collect(n.name) AS names` },
]);

const union: LeakCase[] = LABELS.flatMap((l) => [
  {
    attack: "union",
    query: `MATCH (a:${l}) RETURN a.name AS x UNION MATCH (b:${l}) WHERE b.tenant_id = ${G} RETURN b.name AS x`,
  },
  { attack: "union", query: `MATCH (a:${l}) RETURN a.name AS x UNION ALL MATCH (b) RETURN b.name AS x` },
  {
    attack: "union",
    query: `RETURN 'one' AS x UNION ALL MATCH (b:${l}) WHERE b.tenant_id <> 'acme' RETURN b.name AS x`,
  },
  {
    attack: "union",
    query: `MATCH (a:${l}) RETURN a.name AS x UNION ALL UNWIND ['x'] AS y MATCH (b:${l}) RETURN b.name AS x`,
  },
]);

const withReprojection: LeakCase[] = LABELS.flatMap((l) => [
  { attack: "with", query: `MATCH (a:${l}) WITH a.tenant_id AS t MATCH (b:${l}) WHERE b.tenant_id <> t RETURN b.name` },
  { attack: "with", query: `MATCH (a:${l}) WITH a, ${G} AS t MATCH (b:${l} {tenant_id: t}) RETURN b.name` },
  { attack: "with", query: `WITH ${G} AS t MATCH (b:${l}) WHERE b.tenant_id = t RETURN b.name` },
  { attack: "with", query: `MATCH (a:${l}) WITH * MATCH (b:${l}) RETURN b.name` },
  {
    attack: "with",
    query: `MATCH (a:${l}) WITH collect(a) AS xs UNWIND xs AS x MATCH (y:${l}) WHERE y <> x RETURN y.name`,
  },
  { attack: "with", query: `MATCH (a:${l}) WITH count(*) AS c MATCH (b:${l}) WHERE c > 0 RETURN b.name, b.tenant_id` },
]);

const optional: LeakCase[] = [
  { attack: "optional-match", query: "MATCH (s:Span) OPTIONAL MATCH (s)-[:CHILD_OF]->(p:Span) RETURN s.name, p.name" },
  { attack: "optional-match", query: "OPTIONAL MATCH (n) RETURN n.name" },
  { attack: "optional-match", query: "OPTIONAL MATCH (n:Span) WHERE n.tenant_id = 'globex' RETURN n" },
  {
    attack: "optional-match",
    query: "MATCH (s:Service) OPTIONAL MATCH (s)-[:CALLS]->(t) RETURN s.name, t.name, t.tenant_id",
  },
  {
    attack: "optional-match",
    query: "MATCH (s:Span) OPTIONAL MATCH (g:Span) WHERE g.name CONTAINS 'GLOBEX' RETURN g.name",
  },
  {
    attack: "optional-match",
    query:
      "MATCH (t:Trace) OPTIONAL MATCH (t)-[:HAS_SPAN]->(s) OPTIONAL MATCH (s)<-[:EMITS]-(v) RETURN t.name, s.name, v.name",
  },
  {
    attack: "optional-match",
    query: "OPTIONAL MATCH (a:Span)-[:CHILD_OF]->(b) WHERE b.tenant_id <> 'acme' RETURN a.name, b.name",
  },
  {
    attack: "optional-match",
    query:
      "MATCH (s:Service) OPTIONAL MATCH (s)<-[:CALLS]-(c) WITH s, collect(c.name) AS callers RETURN s.name, callers",
  },
];

const shadowing: LeakCase[] = [
  { attack: "param-shadowing", query: "MATCH (n) RETURN n.name", params: { __tracy_tenant: "globex" }, reject: true },
  { attack: "param-shadowing", query: "MATCH (n) RETURN n.name", params: { __Tracy_Tenant: "globex" }, reject: true },
  { attack: "param-shadowing", query: "MATCH (n) WHERE n.tenant_id = $__tracy_tenant RETURN n.name", reject: true },
  { attack: "param-shadowing", query: "MATCH (n) WHERE n.tenant_id = $`__tracy_tenant` RETURN n.name", reject: true },
  {
    attack: "param-shadowing",
    query: "MATCH (n) WHERE n.tenant_id = $tenant RETURN n.name",
    params: { tenant: "globex" },
  },
  {
    attack: "param-shadowing",
    query: "MATCH (n) WHERE n.tenant_id = $tenant_id RETURN n.name",
    params: { tenant_id: "globex" },
  },
  { attack: "param-shadowing", query: "MATCH (n {tenant_id: $t}) RETURN n.name", params: { t: "globex" } },
  {
    attack: "param-shadowing",
    query: "MATCH (n) WHERE n.tenant_id IN $ts RETURN n.name",
    params: { ts: ["acme", "globex"] },
  },
  { attack: "param-shadowing", query: "MATCH (n) WHERE n.tenant_id = $1 RETURN n.name", params: { "1": "globex" } },
  { attack: "param-shadowing", query: "MATCH (__tracy_n0) RETURN __tracy_n0.name", reject: true },
  { attack: "param-shadowing", query: "MATCH (n) WITH n AS __tracy_p0 RETURN __tracy_p0", reject: true },
  { attack: "param-shadowing", query: "UNWIND ['globex'] AS __tracy_tenant MATCH (n) RETURN n.name", reject: true },
  {
    attack: "param-shadowing",
    query: "MATCH (n) WHERE n.tenant_id = $__tracy_tenantx RETURN n.name",
    params: { x: 1 },
    reject: true,
  },
  { attack: "param-shadowing", query: "MATCH (n) RETURN n.name", params: { tenant: "globex", tenant_id: "globex" } },
  {
    attack: "param-shadowing",
    query: "MATCH (n) WHERE n.tenant_id = $p.tenant RETURN n.name",
    params: { p: { tenant: "globex" } },
  },
];

const comments: LeakCase[] = [
  { attack: "comment", query: "MATCH (n) /* WHERE n.tenant_id = 'acme' */ RETURN n.name" },
  { attack: "comment", query: "MATCH (n) WHERE true // AND n.tenant_id = 'acme'\nRETURN n.name" },
  { attack: "comment", query: "MATCH (n) RETURN n.name // ; MATCH (m) DETACH DELETE m" },
  { attack: "comment", query: "MATCH (n) RETURN n.name /* ; MATCH (m) RETURN m */" },
  { attack: "comment", query: "MATCH (n)/**/WHERE/**/n.tenant_id/**/=/**/'globex'/**/RETURN/**/n.name" },
  { attack: "comment", query: "MATCH (n) WHERE n.name = '/*' OR n.name = '*/' OR true RETURN n.name" },
  { attack: "comment", query: "MATCH (n) WHERE n.name = '//' OR true RETURN n.name" },
  { attack: "comment", query: "MATCH (n) RETURN n.name /* unterminated", reject: true },
  { attack: "comment", query: "// only a comment", reject: true },
  { attack: "comment", query: "MATCH (n) RETURN n.name; // trailing" },
];

const escapes: LeakCase[] = [
  { attack: "string-escape", query: "MATCH (n) WHERE n.name = 'x\\' OR true OR \\'' RETURN n.name" },
  { attack: "string-escape", query: "MATCH (n) WHERE n.name = 'a\\\\' OR n.tenant_id = 'globex' RETURN n.name" },
  { attack: "string-escape", query: 'MATCH (n) WHERE n.name = "x\\" OR true OR \\"" RETURN n.name' },
  { attack: "string-escape", query: "MATCH (n) WHERE n.name = 'x\\u0027 OR true OR \\u0027' RETURN n.name" },
  { attack: "string-escape", query: "MATCH (n) WHERE n.tenant_id = '\\u0067lobex' RETURN n.name" },
  {
    attack: "string-escape",
    query: "MATCH (n) WHERE n.tenant_id = 'glob\\u0065x' OR n.tenant_id = 'acme' RETURN n.name, n.tenant_id",
  },
  { attack: "string-escape", query: "MATCH (n) WHERE n.name = 'x\\'; MATCH (m) DETACH DELETE m; //' RETURN n.name" },
  { attack: "string-escape", query: "MATCH (n) WHERE n.name = 'x\\q' RETURN n.name", reject: true },
  { attack: "string-escape", query: "MATCH (n) WHERE n.name = 'x\\u00' RETURN n.name", reject: true },
  { attack: "string-escape", query: "MATCH (n) WHERE n.name = 'x\\U0010FFFF' RETURN n.name" },
  { attack: "string-escape", query: "MATCH (n) WHERE n.name = 'a\nb' OR true RETURN n.name" },
  { attack: "string-escape", query: "MATCH (n) WHERE n.name = 'unterminated RETURN n.name", reject: true },
  { attack: "string-escape", query: "MATCH (n) WHERE n.name = '\\\\\\'' OR n.tenant_id = 'globex' RETURN n.name" },
];

const unicode: LeakCase[] = [
  { attack: "unicode", query: "MATCH (n) WHERE n.tenant_id = 'ɡlobex' OR true RETURN n.name" },
  { attack: "unicode", query: "MATCH (n) RETURN n.name\u202e" },
  { attack: "unicode", query: "MATCH (n)\u00a0RETURN n.name" },
  {
    attack: "unicode",
    query: "MATCH (n) WHERE n.tenant_id = $__trаcy_tenant RETURN n.name",
    params: { __trаcy_tenant: "globex" },
  },
  { attack: "unicode", query: "MATCH (n) WHERE n.tenant_id = 'globex\u0000' OR true RETURN n.name" },
  { attack: "unicode", query: "MATCH (ñ:Span) RETURN ñ.name" },
  { attack: "unicode", query: "MATCH (n) WHERE n.tenant_id = 'GLOBEX' OR n.tenant_id = 'Globex' RETURN n.name" },
  { attack: "unicode", query: "MATCH (n) RETURN n.name\uff1b MATCH (m) DETACH DELETE m", reject: true },
  { attack: "unicode", query: "MATCH (n) WHERE n.tenant_id = '\ufeffglobex' RETURN n.name" },
  { attack: "unicode", query: "MATCH\u2028(n) RETURN n.name" },
];

const backticks: LeakCase[] = [
  { attack: "backtick", query: "MATCH (`n`) WHERE `n`.`tenant_id` = 'globex' OR true RETURN `n`.`name`" },
  { attack: "backtick", query: "MATCH (`a) OR true OR (b`) RETURN `a) OR true OR (b`.name" },
  { attack: "backtick", query: "MATCH (`x``) OR true //`) RETURN `x``) OR true //`.name" },
  { attack: "backtick", query: "MATCH (n:`Span`) RETURN n.`name`, n.`tenant_id`" },
  { attack: "backtick", query: "MATCH (n) RETURN n.name AS `x` UNION ALL MATCH (m) RETURN m.name AS `x`" },
  { attack: "backtick", query: "MATCH (`__tracy_n0`) RETURN `__tracy_n0`.name", reject: true },
  { attack: "backtick", query: "MATCH (n) WHERE n.`tenant_id` <> 'acme' RETURN n.name" },
  { attack: "backtick", query: "MATCH (`WHERE`) RETURN `WHERE`.name" },
  { attack: "backtick", query: "MATCH (`RETURN`) WHERE `RETURN`.tenant_id = 'globex' RETURN `RETURN`.name" },
  { attack: "backtick", query: "MATCH (n) RETURN n.name AS `a`;` MATCH (m) RETURN m`" },
];

const caseTricks: LeakCase[] = [
  { attack: "case", query: "match (n) where n.tenant_id = 'globex' or TRUE return n.name" },
  { attack: "case", query: "MaTcH (n) ReTuRn n.name" },
  { attack: "case", query: "MATCH (n) WHERE n.TENANT_ID = 'globex' OR true RETURN n.name" },
  { attack: "case", query: "MATCH (n) WHERE n.Tenant_Id IS NULL RETURN n.name" },
  { attack: "case", query: "MATCH (n:span) RETURN n.name" },
  { attack: "case", query: "MATCH (n) RETURN CASE WHEN n.tenant_id = 'acme' THEN n.name ELSE 'x' END AS name" },
  { attack: "case", query: "MATCH (n) WHERE CASE WHEN true THEN true ELSE n.tenant_id = 'acme' END RETURN n.name" },
  {
    attack: "case",
    query: "MATCH (n) RETURN n.name ORDER BY CASE n.tenant_id WHEN 'globex' THEN 0 ELSE 1 END LIMIT 5",
  },
  { attack: "case", query: "CALL DB.LABELS()", reject: true },
  { attack: "case", query: "match (n) detach delete n", reject: true },
  { attack: "case", query: "MATCH (n) RETURN toupper(n.name), TOLOWER(n.tenant_id)" },
];

const statements: LeakCase[] = [
  "MATCH (n) RETURN n.name; MATCH (m) RETURN m.name",
  "MATCH (n) RETURN n.name;MATCH (m) DETACH DELETE m",
  "MATCH (n) RETURN n.name ; CREATE (:Span {name: 'x'})",
  "RETURN 1; RETURN 2",
  "MATCH (n) RETURN n.name;;",
  "MATCH (n) RETURN n.name; CALL db.labels()",
  "MATCH (n) RETURN n.name\n;\nMATCH (m {tenant_id: 'globex'}) RETURN m.name",
  "; MATCH (m) RETURN m.name",
  "MATCH (n) RETURN n.name; USE system SHOW USERS",
  "MATCH (n) RETURN n.name; LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
].map((query) => ({ attack: "second-statement" as const, query, reject: true as const }));

const writes: LeakCase[] = [
  "CREATE (n:Span {name: 'x', tenant_id: 'acme'}) RETURN n",
  "MATCH (n) SET n.tenant_id = 'acme' RETURN n",
  "MATCH (n) SET n += {tenant_id: 'acme'} RETURN n",
  "MATCH (n) SET n:Span RETURN n",
  "MATCH (n) DELETE n",
  "MATCH (n) DETACH DELETE n",
  "MATCH ()-[r]->() DELETE r",
  "MATCH (n) REMOVE n.tenant_id RETURN n",
  "MERGE (n:Span {uid: 'x'}) RETURN n",
  "MATCH (n) MERGE (n)-[:CHILD_OF]->(n) RETURN n",
  "MATCH (n) WITH n CREATE (m:Span) RETURN m",
  "MATCH (n) FOREACH (x IN [1] | SET n.name = 'x')",
  "UNWIND [1, 2] AS x CREATE (:Span {name: x})",
  "CREATE INDEX span_name FOR (n:Span) ON (n.name)",
  "DROP INDEX span_name",
  "CREATE CONSTRAINT c FOR (n:Span) REQUIRE n.uid IS UNIQUE",
  "CREATE DATABASE x",
  "CREATE USER x SET PASSWORD 'p'",
  "MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS",
  "INSERT (:Span {name: 'x'})",
  "MATCH (n) SET n.name = n.name + ' GLOBEX' RETURN n.name",
  "MATCH (a), (b) CREATE (a)-[:CHILD_OF]->(b)",
].map((query) => ({ attack: "write" as const, query, reject: true as const }));

const procedures: LeakCase[] = [
  "CALL db.labels()",
  "CALL db.labels() YIELD label RETURN label",
  "CALL show_tables() RETURN *",
  "CALL table_info('Span') RETURN *",
  "CALL dbms.procedures()",
  "CALL apoc.cypher.run('MATCH (n) RETURN n', {}) YIELD value RETURN value",
  "MATCH (n) CALL apoc.path.expand(n, '', '', 1, 10) YIELD path RETURN path",
  "CALL db.index.fulltext.queryNodes('x', 'GLOBEX') YIELD node RETURN node",
  "OPTIONAL CALL db.labels()",
  "MATCH (n) RETURN apoc.text.join([n.name], ',')",
  "MATCH (n) RETURN apoc.create.uuid()",
  "MATCH (n) RETURN db.nameFromElementId(elementId(n))",
  "MATCH (n) RETURN gds.util.asNode(1)",
  "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
  "LOAD CSV WITH HEADERS FROM 'https://example.com/x.csv' AS l RETURN l",
  "COPY Span FROM '/tmp/x.csv'",
  "USE globex MATCH (n) RETURN n",
  "USE composite.globex MATCH (n) RETURN n",
  "CALL { MATCH (n) RETURN n } RETURN n",
  "CALL (n) { MATCH (n) RETURN n } RETURN n",
  "MATCH (n) RETURN startNode(n), endNode(n)",
  "MATCH (n) RETURN properties(n)",
  "MATCH (n) RETURN keys(n)",
].map((query) => ({ attack: "procedure" as const, query, reject: true as const }));

const subqueries: LeakCase[] = [
  "MATCH (n) WHERE EXISTS { MATCH (g {tenant_id: 'globex'}) } RETURN n.name",
  "MATCH (n) WHERE EXISTS { (n)-->(:Span {tenant_id: 'globex'}) } RETURN n.name",
  "MATCH (n) RETURN COUNT { MATCH (g) WHERE g.tenant_id = 'globex' } AS c",
  "MATCH (n) RETURN COLLECT { MATCH (g) RETURN g.name } AS names",
  "MATCH (n) WHERE exists((n)-[:CHILD_OF]->()) RETURN n.name",
  "MATCH (n) RETURN [(n)-[:CHILD_OF]->(g) | g.name] AS parents",
  "MATCH (n) RETURN [(g:Span {tenant_id: 'globex'}) | g.name] AS all",
  "MATCH (n) WHERE (n)-[:CHILD_OF]->(:Span) RETURN n.name",
  "MATCH (n) WHERE NOT (n)<--() RETURN n.name",
  "MATCH (n) RETURN size([(n)--(m) | m]) AS degree",
  "MATCH (a:Span), (b:Span) RETURN shortestPath((a)-[*..3]-(b))",
  "MATCH p = shortestPath((a:Span)-[*..3]-(b:Span)) RETURN nodes(p)",
  "MATCH p = allShortestPaths((a:Span)-[*..3]-(b:Span)) RETURN p",
  "MATCH p = ANY SHORTEST (a:Span)-[*..3]-(b:Span) RETURN p",
  "MATCH (a)((x)-[:CHILD_OF]->(y)){1,3}(b) RETURN b.name",
  "MATCH (a)-[:CHILD_OF]->{1,3}(b) RETURN b.name",
  "MATCH (n WHERE n.tenant_id = 'globex') RETURN n.name",
  "MATCH (n)-[r WHERE r.tenant_id = 'globex']->(m) RETURN m.name",
  "MATCH (n $props) RETURN n.name",
  "MATCH (n) RETURN n {.*} AS all",
  "MATCH (n) RETURN reduce(s = '', x IN [n.name] | s + x) AS r",
  "MATCH (n) WHERE n:Span|Trace RETURN n.name",
  "MATCH (n:Span|Trace) RETURN n.name",
  "MATCH (n:!Span) RETURN n.name",
  "MATCH (n:%) RETURN n.name",
  "MATCH (n) RETURN n[$key] AS v",
].map((query) => ({
  attack:
    query.includes("{") && /EXISTS|COUNT|COLLECT|CALL/.test(query)
      ? ("subquery" as const)
      : ("pattern-expression" as const),
  query,
  reject: true as const,
  ...(query.includes("$key")
    ? { params: { key: "tenant_id" } }
    : query.includes("$props")
      ? { params: { props: {} } }
      : {}),
}));

const traversals: LeakCase[] = [
  { attack: "traversal", query: "MATCH (a:Span)-[:CHILD_OF]->(b:Span) RETURN a.name, b.name" },
  { attack: "traversal", query: "MATCH (a:Span)-[:CHILD_OF*1..3]->(b) RETURN a.name, b.name" },
  { attack: "traversal", query: "MATCH p = (a:Span)-[:CHILD_OF*1..4]->(b) RETURN [x IN nodes(p) | x.name] AS names" },
  { attack: "traversal", query: "MATCH p = (a:Span)-[:CHILD_OF*1..4]->(b) RETURN nodes(p) AS ns" },
  { attack: "traversal", query: "MATCH (a:Span)-[r:CHILD_OF*1..4]->(b) RETURN r" },
  { attack: "traversal", query: "MATCH (a:Span)-[r:CHILD_OF*1..4]->(b) RETURN size(r), b.tenant_id" },
  { attack: "traversal", query: "MATCH p = (a:Service)-[:CALLS*1..3]->(b:Service) RETURN relationships(p) AS rs" },
  { attack: "traversal", query: "MATCH (a:Service)-[:CALLS]-(b) RETURN a.name, b.name" },
  { attack: "traversal", query: "MATCH (a:Service)-[:CALLS*1..2]-(b) RETURN b.name" },
  { attack: "traversal", query: "MATCH (t:Trace)-[:HAS_SPAN]->(s:Span) RETURN t.name, s.name" },
  { attack: "traversal", query: "MATCH (s:Span)<-[:HAS_SPAN]-(t) RETURN t.name, t.tenant_id" },
  { attack: "traversal", query: "MATCH (s:Span)<-[:EMITS]-(v) RETURN v.name" },
  { attack: "traversal", query: "MATCH (a)-[r]->(b) RETURN a.name, type(r), b.name" },
  { attack: "traversal", query: "MATCH (a)-[r]-(b) RETURN r.tenant_id, b.name" },
  { attack: "traversal", query: "MATCH ()-[r]->() RETURN r" },
  { attack: "traversal", query: "MATCH ()-[r:CALLS]->() RETURN r.call_count, r.tenant_id" },
  { attack: "traversal", query: "MATCH (a:Span)-[:CHILD_OF]->()-[:CHILD_OF]->(c) RETURN c.name" },
  { attack: "traversal", query: "MATCH (a:Span {name: 'x'})-[:CHILD_OF*0..3]->(b) RETURN b.name" },
  { attack: "traversal", query: "MATCH p = (a)-[*1..2]-(b) RETURN p" },
  { attack: "traversal", query: "MATCH (a:Service)-[:CALLS]->(b:Service)-[:CALLS]->(c:Service) RETURN c.name" },
  { attack: "traversal", query: "MATCH (a:Span), (b:Span) WHERE a.trace_id = b.trace_id RETURN b.name LIMIT 50" },
  { attack: "traversal", query: "MATCH (a:Service) MATCH (b:Service) WHERE a.name <> b.name RETURN b.name" },
];

const exhaust: LeakCase[] = [
  { attack: "exhaust", query: "MATCH (a)-[*]->(b) RETURN count(*)", reject: true },
  { attack: "exhaust", query: "MATCH (a)-[*1..]->(b) RETURN count(*)", reject: true },
  { attack: "exhaust", query: "MATCH (a)-[*..30]-(b) RETURN count(*)", reject: true },
  { attack: "exhaust", query: "MATCH (a)-[:CHILD_OF*1..100]-(b) RETURN count(*)", reject: true },
  { attack: "exhaust", query: "MATCH (a)-[*3..3]-(b)-[*3..3]-(c)-[*3..3]-(d) RETURN count(*)", reject: true },
  { attack: "exhaust", query: "MATCH (a)--(b)--(c)--(d)--(e)--(f)--(g)--(h) RETURN count(*)", reject: true },
  { attack: "exhaust", query: "MATCH (a)-[*1..6]-(b)-[*1..6]-(c) RETURN count(*)", reject: true },
  { attack: "exhaust", query: "MATCH (a)-[*0..9999999999999]-(b) RETURN count(*)", reject: true },
  { attack: "exhaust", query: "MATCH (a) RETURN a LIMIT 100000000" },
  { attack: "exhaust", query: "MATCH (a) RETURN a.name SKIP 0 LIMIT 999999999999" },
  { attack: "exhaust", query: "MATCH (a) RETURN a LIMIT $n", params: { n: 10_000_000 } },
  { attack: "exhaust", query: "MATCH (a) RETURN a LIMIT $n", params: { n: "1000000" }, reject: true },
  { attack: "exhaust", query: "UNWIND range(1, 100000000) AS x RETURN count(x)", reject: true },
  { attack: "exhaust", query: "MATCH (a:Span), (b:Span) RETURN a.name, b.name" },
  { attack: "exhaust", query: "MATCH (a) RETURN a" + " ".repeat(20_000), reject: true },
  {
    attack: "exhaust",
    query:
      "MATCH (a) WHERE " +
      Array.from({ length: 300 }, () => "(").join("") +
      "true" +
      ")".repeat(300) +
      " RETURN a.name",
  },
];

const idLookups: LeakCase[] = [
  { attack: "id-lookup", query: "MATCH (n) WHERE n.id = 0 RETURN n.name" },
  { attack: "id-lookup", query: "MATCH (n) WHERE id(n) = 0 RETURN n.name" },
  { attack: "id-lookup", query: "MATCH (n:Span) RETURN n.id, n.name ORDER BY n.id LIMIT 5" },
  { attack: "id-lookup", query: "MATCH (n) WHERE n.uid STARTS WITH 'globex/' RETURN n.name" },
  { attack: "id-lookup", query: "MATCH (n:Span) WHERE n.trace_id IS NOT NULL RETURN n.trace_id, n.span_id LIMIT 20" },
];

const otherSources: LeakCase[] = [
  { attack: "other-source", query: "UNWIND ['GLOB' + 'EX'] AS g MATCH (n) WHERE n.name CONTAINS g RETURN n.name" },
  {
    attack: "other-source",
    query: "MATCH (n) WITH n.tenant_id AS t ORDER BY t DESC LIMIT 1 MATCH (m) WHERE m.tenant_id = t RETURN m.name",
  },
  { attack: "other-source", query: "MATCH (n:Span) RETURN DISTINCT n.tenant_id" },
  { attack: "other-source", query: "MATCH (n) RETURN count(n) AS all_nodes" },
  { attack: "other-source", query: "MATCH (n) RETURN collect(DISTINCT n.tenant_id) AS tenants" },
  { attack: "other-source", query: "MATCH (n) RETURN labels(n), count(*)" },
  { attack: "other-source", query: "MATCH (n:Service) RETURN n.name ORDER BY n.name DESC LIMIT 3" },
  { attack: "other-source", query: "MATCH (n) RETURN min(n.name), max(n.name)" },
  {
    attack: "other-source",
    query: "MATCH (n:Trace) WITH n ORDER BY n.duration_ms DESC LIMIT 5 RETURN n.name, n.tenant_id",
  },
  {
    attack: "other-source",
    query: "MATCH (n:Span) WHERE n.status = 'error' RETURN n.error_message, n.service LIMIT 20",
  },
];

export const LEAK_CORPUS: readonly LeakCase[] = [
  ...or,
  ...not,
  ...union,
  ...withReprojection,
  ...optional,
  ...shadowing,
  ...comments,
  ...escapes,
  ...unicode,
  ...backticks,
  ...caseTricks,
  ...statements,
  ...writes,
  ...procedures,
  ...subqueries,
  ...traversals,
  ...exhaust,
  ...idLookups,
  ...otherSources,
];
