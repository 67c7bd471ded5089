import { describe, expect, it } from "vitest";
import { CypherExecutionError } from "../../src/cypher/executor.js";
import { refuseNonQueryStatement } from "../../src/cypher/statement-policy.js";

function refused(query: string, dialect: "kuzu" | "neo4j" = "kuzu"): boolean {
  try {
    refuseNonQueryStatement(query, dialect);
    return false;
  } catch (error) {
    expect(error).toBeInstanceOf(CypherExecutionError);
    expect((error as CypherExecutionError).code).toBe("runtime");
    return true;
  }
}

describe("refuseNonQueryStatement", () => {
  it("refuses statements that touch files, extensions, other databases, transactions or settings", () => {
    for (const query of [
      "COPY (MATCH (s:Service) RETURN s.name) TO '/tmp/leak.csv'",
      "  copy Span FROM '/tmp/x.csv'",
      "EXPORT DATABASE '/tmp/export'",
      "IMPORT DATABASE '/tmp/export'",
      "ATTACH '/tmp/other.kuzu' AS other (dbtype kuzu)",
      "INSTALL httpfs",
      "FORCE INSTALL httpfs",
      "LOAD EXTENSION httpfs",
      "/* hidden */ LOAD FROM '/etc/passwd' (file_format='csv') RETURN *",
      "MATCH (s:Span) WITH s LOAD FROM '/etc/hostname' (file_format='csv') RETURN *",
      "USE other MATCH (n) RETURN n",
      "BEGIN TRANSACTION",
      "COMMIT",
      "CHECKPOINT",
      "CALL timeout = 100000000",
      "CALL /* x */ file_search_path='/'",
    ]) {
      expect(refused(query), query).toBe(true);
    }
    for (const query of [
      "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
      "MATCH (n) CALL { USE other MATCH (m) RETURN m } RETURN n",
      "USE other MATCH (n) RETURN n",
    ]) {
      expect(refused(query, "neo4j"), query).toBe(true);
    }
  });

  it("lets read queries through, whatever their strings, comments and names say", () => {
    for (const query of [
      "MATCH (s:Span) WHERE s.name = 'COPY TO /tmp' RETURN s",
      "MATCH (s:Span) WHERE s.error_message CONTAINS \"LOAD FROM '/etc'\" RETURN s // LOAD FROM x",
      "MATCH (s:Span) RETURN s.load, s.use AS `USE` /* COPY */",
      "MATCH (use:Span)-[:CHILD_OF]->(load:Span) RETURN use, load",
      "CALL show_tables() RETURN *",
      "CALL table_info('Span') RETURN *",
      "MATCH (s:Service) RETURN s.name AS name ORDER BY name",
    ]) {
      expect(refused(query), query).toBe(false);
    }
    expect(refused("CREATE (n:Span)", "neo4j")).toBe(false);
  });
});
