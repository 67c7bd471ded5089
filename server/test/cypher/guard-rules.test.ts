import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/cypher/seeded-random.js";
import { guardCypher, TENANT_PARAM, type GuardNoteCode, type GuardPolicy } from "../../src/cypher/guard.js";

/** The guard's rules one by one, on text only (the leak corpus runs queries against a real graph). */

function pass(query: string, policy?: Partial<GuardPolicy>, params?: Record<string, unknown>) {
  const outcome = guardCypher({ query, tenant: "acme", ...(params ? { params } : {}) }, policy);
  if (!outcome.ok) throw new Error(`rejected: ${JSON.stringify(outcome.reasons)}`);
  return outcome;
}

function rejection(query: string, params?: Record<string, unknown>, policy?: Partial<GuardPolicy>) {
  const outcome = guardCypher({ query, tenant: "acme", ...(params ? { params } : {}) }, policy);
  if (outcome.ok) throw new Error(`accepted: ${outcome.query}`);
  expect(outcome.reasons).toHaveLength(1);
  const [reason] = outcome.reasons;
  expect(reason?.message.length).toBeGreaterThan(20);
  return reason as { code: GuardNoteCode; message: string };
}

const T = `$${TENANT_PARAM}`;

describe("guardCypher: statements and clauses", () => {
  it.each([
    ["CREATE (n:Span {name: 'x'}) RETURN n", "write"],
    ["MATCH (n) SET n.name = 'x' RETURN n", "write"],
    ["MATCH (n) DELETE n", "write"],
    ["MATCH (n) DETACH DELETE n", "write"],
    ["MATCH (n) REMOVE n.name RETURN n", "write"],
    ["MERGE (n:Span {name: 'x'}) RETURN n", "write"],
    ["CALL db.labels()", "procedure-call"],
    ["CALL db.labels() YIELD label RETURN label", "procedure-call"],
    ["MATCH (n) CALL { WITH n MATCH (n)-->(m) RETURN m } RETURN m", "subquery"],
    ["LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", "load-csv"],
    ["MATCH (n) FOREACH (x IN [1] | SET n.a = x)", "foreach"],
    ["USE other MATCH (n) RETURN n", "use"],
    ["MATCH (n) RETURN n; MATCH (m) RETURN m", "multiple-statements"],
    ["CREATE INDEX FOR (n:Span) ON (n.name)", "write"],
    ["SHOW DATABASES", "unsupported-clause"],
    ["MATCH (n)", "unsupported-clause"],
    ["MATCH (n) RETURN n MATCH (m) RETURN m", "unsupported-clause"],
    ["MATCH (n) ORDER BY n.name RETURN n", "unsupported-clause"],
    ["MATCH (n) FINISH", "unsupported-clause"],
    ["", "empty"],
    ["   ", "empty"],
    ["MATCH (n RETURN n", "syntax"],
    ["MATCH (n) WHERE n.a != 1 RETURN n", "syntax"],
    ["EXPLAIN MATCH (n) RETURN n", "syntax"],
    [":param x => 1", "syntax"],
  ] as const)("rejects %s (%s)", (query, code) => {
    expect(rejection(query).code).toBe(code);
  });

  it("accepts a single statement with a trailing semicolon", () => {
    expect(pass("MATCH (n:Span) RETURN n.name;").query).toContain("MATCH (n:Span)");
  });

  it("keeps UNION branches and scopes each", () => {
    const { query } = pass("MATCH (a:Span) RETURN a.name AS n UNION ALL MATCH (b:Trace) RETURN b.name AS n");
    expect(query).toContain(`WHERE a.tenant_id = ${T}`);
    expect(query).toContain(`WHERE b.tenant_id = ${T}`);
    expect(query).toContain(" UNION ALL ");
    expect(query.match(/LIMIT 1000/g)).toHaveLength(2);
  });
});

describe("guardCypher: tenant scope", () => {
  it("adds a tenant condition for every node variable, before the model's WHERE", () => {
    const { query, params } = pass("MATCH (a:Span)-[:CHILD_OF]->(b:Span) WHERE a.name = 'x' OR true RETURN b");
    expect(query).toBe(
      `MATCH (a:Span)-[:CHILD_OF]->(b:Span) WHERE (a.tenant_id = ${T}) AND (b.tenant_id = ${T}) AND ((a.name = 'x') OR true) RETURN b LIMIT 1000`,
    );
    expect(params).toEqual({ [TENANT_PARAM]: "acme" });
  });

  it("names anonymous nodes so they are scoped too", () => {
    const { query } = pass("MATCH (:Service)-[:EMITS]->()<-[:CHILD_OF]-(s) RETURN count(s)");
    expect(query).toContain("(__tracy_n0:Service)-[:EMITS]->(__tracy_n1)<-[:CHILD_OF]-(s)");
    for (const v of ["__tracy_n0", "__tracy_n1", "s"]) expect(query).toContain(`${v}.tenant_id = ${T}`);
  });

  it("scopes OPTIONAL MATCH inside its own WHERE", () => {
    const { query } = pass("MATCH (a:Span) OPTIONAL MATCH (a)-[:CHILD_OF]->(p) RETURN a.name, p.name");
    expect(query).toContain(`OPTIONAL MATCH (a)-[:CHILD_OF]->(p) WHERE (a.tenant_id = ${T}) AND (p.tenant_id = ${T})`);
  });

  it("scopes every MATCH after WITH again", () => {
    const { query } = pass("MATCH (a:Span) WITH a.trace_id AS t MATCH (b:Span {trace_id: t}) RETURN b.name");
    expect(query).toContain(`MATCH (b:Span {trace_id: t}) WHERE b.tenant_id = ${T}`);
  });

  it("scopes every node along variable-length paths through the path", () => {
    const { query } = pass("MATCH (a:Span {span_id: 'x'})-[:CHILD_OF*1..3]->(root) RETURN root");
    expect(query).toContain("MATCH __tracy_p0 = (a:Span {span_id: 'x'})-[:CHILD_OF*1..3]->(root)");
    expect(query).toContain("all(__tracy_x IN nodes(__tracy_p0) WHERE (__tracy_x.tenant_id = 'acme'))");
  });

  it("on Kuzu, filters the nodes inside variable-length relationships during the traversal", () => {
    const { query } = pass("MATCH (a:Span)-[e:CHILD_OF*1..3]->(root) RETURN root", { dialect: "kuzu" });
    expect(query).toContain("-[e:CHILD_OF*1..3 (__tracy_r, __tracy_x | WHERE __tracy_x.tenant_id = 'acme')]->(root)");
    expect(query).not.toContain("nodes(");
  });

  it("re-escapes the tenant where it is printed as text", () => {
    const outcome = guardCypher({ query: "MATCH p = (a)-[*1..2]->(b) RETURN p", tenant: "o'brien\\" });
    expect(outcome.ok && outcome.query).toContain("(__tracy_x.tenant_id = 'o\\'brien\\\\'");
  });

  it("uses the configured tenant property", () => {
    expect(pass("MATCH (n) RETURN n", { tenantProperty: "org" }).query).toContain(`n.org = ${T}`);
  });

  it.each([
    ["MATCH (n) RETURN n", { [TENANT_PARAM]: "globex" }],
    ["MATCH (n) RETURN n", { __TRACY_TENANT: "globex" }],
    ["MATCH (n) WHERE n.tenant_id = $__tracy_tenant RETURN n", undefined],
    ["MATCH (n) WHERE n.tenant_id = $`__Tracy_tenant` RETURN n", undefined],
    ["MATCH (__tracy_n0) RETURN __tracy_n0", undefined],
    ["MATCH (n) RETURN n.name AS __tracy_x", undefined],
    ["UNWIND [1] AS __tracy_p0 RETURN __tracy_p0", undefined],
    ["MATCH (n) RETURN [__tracy_x IN [1] | __tracy_x]", undefined],
  ] as const)("rejects the reserved names in %s", (query, params) => {
    expect(rejection(query, params).code).toBe("reserved-name");
  });

  it("passes only the parameters the query uses, and rejects missing ones", () => {
    const { params } = pass("MATCH (n:Span {name: $name}) RETURN n", undefined, { name: "a", unused: 1 });
    expect(params).toEqual({ name: "a", [TENANT_PARAM]: "acme" });
    expect(rejection("MATCH (n {name: $missing}) RETURN n").code).toBe("syntax");
  });
});

describe("guardCypher: patterns and expressions outside the subset", () => {
  it.each([
    ["MATCH (n) WHERE exists { (n)-->() } RETURN n", "subquery"],
    ["MATCH (n) RETURN count { (n)-->() }", "subquery"],
    ["MATCH (n) RETURN collect { MATCH (n)-->(m) RETURN m }", "subquery"],
    ["MATCH (n) WHERE (n)-->(:Span) RETURN n", "unsupported-pattern"],
    ["MATCH (n) RETURN [(n)-->(m) | m.name]", "unsupported-pattern"],
    ["MATCH p = shortestPath((a)-[*..3]-(b)) RETURN p", "unsupported-pattern"],
    ["MATCH (a), (b) RETURN shortestPath((a)-[*..3]-(b))", "unsupported-pattern"],
    ["MATCH p = SHORTEST 1 (a)-[*..3]-(b) RETURN p", "unsupported-pattern"],
    ["MATCH (a)((x)-->(y)){1,3}(b) RETURN a", "unsupported-pattern"],
    ["MATCH (n:A:B) RETURN n", "unsupported-pattern"],
    ["MATCH (n:A|B) RETURN n", "unsupported-pattern"],
    ["MATCH (n:!A) RETURN n", "unsupported-pattern"],
    ["MATCH (n WHERE n.x = 1) RETURN n", "unsupported-pattern"],
    ["MATCH (n $props) RETURN n", "unsupported-pattern"],
    ["MATCH (a)<-[r]->(b) RETURN a", "unsupported-pattern"],
    ["MATCH (n) WHERE n:Span RETURN n", "unsupported-expression"],
    ["MATCH (n) RETURN n[$key]", "unsupported-expression"],
    ["MATCH (n) RETURN n {.name}", "unsupported-expression"],
    ["MATCH (n) RETURN reduce(s = 0, x IN [1] | s + x)", "unsupported-expression"],
    ["MATCH (n) RETURN apoc.text.join(['a'], ',')", "unsupported-function"],
    ["MATCH (n) RETURN startNode(n)", "unsupported-function"],
    ["MATCH (n) RETURN range(1, 100000000)", "unsupported-function"],
    ["MATCH (n) RETURN 'a' || 'b'", "unsupported-expression"],
    ["MATCH (n) RETURN 'a\\q'", "unsupported-expression"],
    ["MATCH (n) WHERE 1 < n.x < 3 RETURN n", "unsupported-expression"],
  ] as const)("rejects %s (%s)", (query, code) => {
    expect(rejection(query).code).toBe(code);
  });

  it("rejects list comprehensions on Kuzu only", () => {
    const query = "MATCH (n) RETURN [x IN [1, 2] WHERE x > 1 | x * 2] AS xs";
    expect(pass(query).query).toContain("[x IN [1, 2] WHERE (x > 1) | (x * 2)]");
    expect(rejection(query, undefined, { dialect: "kuzu" }).code).toBe("unsupported-expression");
  });

  it("does not unwind lists of nodes on Kuzu, whose engine crashes comparing them", () => {
    for (const query of [
      "MATCH (a) WITH collect(a) AS xs UNWIND xs AS x RETURN x.name",
      "MATCH p = (a)-[*1..2]->(b) UNWIND nodes(p) AS x RETURN x.name",
      "MATCH (a)-[:CHILD_OF]->(b) UNWIND [a, b] AS x RETURN x.name",
    ]) {
      expect(rejection(query, undefined, { dialect: "kuzu" }).code).toBe("unsupported-expression");
      expect(pass(query).query).toContain("UNWIND");
    }
    expect(pass("MATCH (a) WITH collect(a.name) AS xs UNWIND xs AS x RETURN x", { dialect: "kuzu" }).query).toContain(
      "UNWIND xs AS x",
    );
  });

  it("prints functions in the dialect's spelling", () => {
    const q = "MATCH (n)-[r]->(m) RETURN toString(n.x), toInteger(n.y), round(n.z), type(r), labels(m)";
    expect(pass(q).query).toContain("toString(n.x) AS `toString(n.x)`, toInteger(n.y)");
    const kuzu = pass(q, { dialect: "kuzu" }).query;
    expect(kuzu).toContain("string(n.x) AS `toString(n.x)`, to_int64(n.y) AS `toInteger(n.y)`, round(n.z, 0)");
    expect(kuzu).toContain("label(r) AS `type(r)`, [label(m)] AS `labels(m)`");
  });

  it("re-escapes strings, unicode escapes and backticked names", () => {
    const { query } = pass(
      "MATCH (`we``ird`:`Sp an`) WHERE `we``ird`.name = 'it\\'s \\u00e9 \"q\" \\\\' RETURN `we``ird`",
    );
    expect(query).toContain("(`we``ird`:`Sp an`)");
    expect(query).toContain("`we``ird`.name = 'it\\'s é \"q\" \\\\'");
  });

  it("drops comments and keeps the column names the model wrote", () => {
    const { query } = pass("MATCH (n) // a comment\nRETURN n.name /* c */ , count( * ) AS c");
    expect(query).not.toContain("comment");
    expect(query).toContain("RETURN n.name AS `n.name`, count(*) AS c");
  });
});

describe("guardCypher: id rewrite", () => {
  it("rewrites x.id on a bound node to elementId(x) for Neo4j and id(x) for Kuzu", () => {
    const neo = pass("MATCH (s:Span)-[r]->(t) RETURN s.id, r.id, t.span_id ORDER BY s.id");
    expect(neo.query).toContain(
      "RETURN elementId(s) AS `s.id`, r.id AS `r.id`, t.span_id AS `t.span_id` ORDER BY elementId(s)",
    );
    expect(neo.notes.map((n) => n.code)).toContain("id-rewritten");
    expect(pass("MATCH (s) RETURN s.id", { dialect: "kuzu" }).query).toContain("id(s) AS `s.id`");
  });

  it("follows nodes through WITH and leaves other values alone", () => {
    const { query } = pass("MATCH (s) WITH s AS x, {id: 1} AS m UNWIND [1] AS s RETURN x.id, m.id, s");
    expect(query).toContain("RETURN elementId(x) AS `x.id`, m.id AS `m.id`, s");
  });

  it("takes idFunction id without a dialect to mean Kuzu", () => {
    const { query } = pass("MATCH (a)-[:CHILD_OF*1..2]->(b) RETURN toString(a.id)", { idFunction: "id" });
    expect(query).toContain("string(id(a))");
    expect(query).toContain("(__tracy_r, __tracy_x | WHERE");
  });

  it("can be switched off", () => {
    expect(pass("MATCH (s) RETURN s.id", { idFunction: null }).query).toContain("RETURN s.id AS `s.id`");
  });
});

describe("guardCypher: traversal budget and LIMIT", () => {
  it.each([
    ["MATCH (a)-[*]->(b) RETURN b", "unbounded-hops"],
    ["MATCH (a)-[:CHILD_OF*2..]->(b) RETURN b", "unbounded-hops"],
    ["MATCH (a)-[*1..7]->(b) RETURN b", "too-many-hops"],
    ["MATCH (a)-[*7]->(b) RETURN b", "too-many-hops"],
    ["MATCH (a)-[*1..4]->(b)-[*1..3]->(c) RETURN c", "too-many-hops"],
    ["MATCH (a)-->(b)-->(c)-->(d)-->(e)-->(f)-->(g)-->(h) RETURN h", "too-many-hops"],
    ["MATCH (a)-[*3..2]->(b) RETURN b", "unbounded-hops"],
    ["MATCH (a)-[*1..99999999999]->(b) RETURN b", "too-many-hops"],
  ] as const)("rejects %s (%s) with advice", (query, code) => {
    const reason = rejection(query);
    expect(reason.code).toBe(code);
    expect(reason.message).toMatch(/hops/);
  });

  describe("cartesian products", () => {
    it.each([
      ["MATCH (a:Span), (b:Span) RETURN a, b", "(a:Span) and (b:Span)"],
      ["MATCH (a:Span), (b:Span) WHERE a.trace_id = b.trace_id RETURN a, b", "(a:Span) and (b:Span)"],
      ["MATCH (s:Span)-[:CHILD_OF]->(p:Span), (t:Trace) RETURN s, t", "(s:Span)-… and (t:Trace)"],
      ["OPTIONAL MATCH (a:Span), (b:Service) RETURN a, b", "(a:Span) and (b:Service)"],
      ["MATCH (a:Span) MATCH (b:Span) RETURN a, b", "(b:Span) and the rows matched before it"],
      ["MATCH (a:Span) WITH a MATCH (b:Trace) RETURN a, b", "(b:Trace) and the rows matched before it"],
      ["MATCH (a:Span), (b:Span), (c:Span {span_id: 'x'}) RETURN a", "(a:Span) and (b:Span)"],
    ])("refuses %s, which pairs %s", (query, shown) => {
      const reason = rejection(query);
      expect(reason.code).toBe("cartesian-product");
      expect(reason.message).toContain(shown);
      expect(reason.message).toMatch(/connect them with a relationship.*narrow each/);
    });

    it.each([
      // One narrowed part: a lookup against the other.
      "MATCH (t:Trace {trace_id: 't1'}), (s:Span) RETURN t, s",
      "MATCH (t:Trace), (s:Span) WHERE t.trace_id = 't1' RETURN t, s",
      "MATCH (t:Trace), (s:Span) WHERE t.trace_id = 't1' AND s.trace_id = t.trace_id RETURN s",
      "MATCH (a:Span), (b:Span) WHERE a.duration_ms > 1000 AND b.status = 'ERROR' RETURN a, b",
      "MATCH (a:Span), (b:Span) WHERE any(x IN [1] WHERE a.n = x) RETURN a, b",
      // Connected: through a relationship, a shared node, or nodes matched before.
      "MATCH (a:Span)-[:CHILD_OF]->(b:Span) RETURN a, b",
      "MATCH (a:Span)-[:CHILD_OF]->(b:Span), (b)-[:CHILD_OF]->(c:Span) RETURN c",
      "MATCH (a:Span) MATCH (a)-[:CHILD_OF]->(b:Span) RETURN b",
      "MATCH (a:Span) WITH a MATCH (a)-[:CHILD_OF]->(b), (b)-[:CHILD_OF]->(c) RETURN c",
      // The earlier rows were aggregated or limited, or narrowed.
      "MATCH (a:Span) WITH count(a) AS n MATCH (b:Span) RETURN n, b",
      "MATCH (a:Span) WITH a LIMIT 5 MATCH (b:Span) RETURN a, b",
      "MATCH (a:Span {span_id: 'x'}) MATCH (b:Span) RETURN a, b",
      "MATCH (a:Span) RETURN a UNION MATCH (b:Span) RETURN b",
      "MATCH (a:Span) UNWIND [1, 2] AS i RETURN a, i",
    ])("lets %s run", (query) => {
      expect(pass(query).query).toMatch(/^MATCH|^OPTIONAL/);
    });

    it("does not count the tenant conditions it adds as narrowing", () => {
      expect(rejection("MATCH (a), (b) RETURN a, b").code).toBe("cartesian-product");
    });
  });

  it("explains how to rewrite an unbounded traversal", () => {
    expect(rejection("MATCH (a)-[:CHILD_OF*]->(b) RETURN b").message).toMatch(/bound the hops.*indexed node.*WHERE/);
  });

  it("accepts paths within the budget and prints exact bounds", () => {
    expect(pass("MATCH (a)-[:CHILD_OF*2]->(b) RETURN b").query).toContain("[:CHILD_OF*2..2]");
    expect(pass("MATCH (a)-[*..3]->(b) RETURN b").query).toContain("[*1..3]");
    expect(pass("MATCH (a)-[*1..3]->(b)-[*1..3]->(c) RETURN c").query).toContain("*1..3]->(c)");
    expect(pass("MATCH (a)-[*1..10]->(b) RETURN b", { maxHops: 10 }).query).toContain("[*1..10]");
  });

  it("adds a LIMIT, lowers a larger one and keeps a smaller one", () => {
    const added = pass("MATCH (n) RETURN n");
    expect(added.query).toMatch(/LIMIT 1000$/);
    expect(added.notes.map((n) => n.code)).toContain("limit-added");
    const lowered = pass("MATCH (n) RETURN n ORDER BY n.name LIMIT 5000", { maxLimit: 50 });
    expect(lowered.query).toMatch(/ORDER BY n.name LIMIT 50$/);
    expect(lowered.notes.find((n) => n.code === "limit-lowered")?.message).toMatch(/5000 to 50/);
    const kept = pass("MATCH (n) RETURN n LIMIT 10");
    expect(kept.query).toMatch(/LIMIT 10$/);
    expect(kept.notes.map((n) => n.code)).not.toContain("limit-lowered");
  });

  it("checks a LIMIT parameter's value", () => {
    expect(pass("MATCH (n) RETURN n LIMIT $n", undefined, { n: 5 }).query).toMatch(/LIMIT \$n$/);
    expect(pass("MATCH (n) RETURN n LIMIT $n", undefined, { n: 1e9 }).query).toMatch(/LIMIT 1000$/);
    expect(rejection("MATCH (n) RETURN n LIMIT $n", { n: "all" }).code).toBe("limit-invalid");
    expect(rejection("MATCH (n) RETURN n LIMIT size([1])").code).toBe("limit-invalid");
    expect(rejection("MATCH (n) RETURN n LIMIT -1").code).toBe("limit-invalid");
  });
});

describe("guardCypher: hostile input", () => {
  it("runs nothing without a tenant", () => {
    for (const tenant of ["", undefined, null, 7]) {
      const outcome = guardCypher({ query: "MATCH (n) RETURN n", tenant: tenant as never });
      expect(outcome.ok).toBe(false);
    }
  });

  it("rejects over-long text and odd params without throwing", () => {
    expect(rejection("MATCH (n) RETURN n" + " ".repeat(20_001)).code).toBe("syntax");
    expect(guardCypher({ query: "MATCH (n) RETURN n", tenant: "acme", params: [] as never }).ok).toBe(false);
    expect(guardCypher({ query: 42 as never, tenant: "acme" }).ok).toBe(false);
  });

  it("never throws on random text, and scopes whatever it accepts", () => {
    const random = seededRandom(7);
    const words = [
      "MATCH",
      "(n)",
      "-[]->",
      "{",
      "}",
      ":",
      "$",
      "`",
      "'",
      '"',
      "\\",
      ";",
      "/*",
      "RETURN",
      "WHERE",
      "OR",
    ];
    const more = ["AND", "NOT", "CALL", ",", ".", "|", "0", "1", "é", "\u0000", "\u202e", "(m:Span)", "n.name", "*"];
    for (let i = 0; i < 300; i++) {
      const text = Array.from({ length: random.int(0, 14) }, () => random.pick([...words, ...more])).join(
        random.pick([" ", ""]),
      );
      const outcome = guardCypher({ query: text, tenant: "acme" });
      if (outcome.ok && /MATCH/i.test(text)) expect(outcome.query).toContain(T);
      if (!outcome.ok) expect(outcome.reasons[0]?.message).toBeTruthy();
    }
  });
});
