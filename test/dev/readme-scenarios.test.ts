// @vitest-environment node
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { SUGGESTIONS } from "../../demo/suggestions";
import { pickScenario, SCENARIOS } from "../../dev/scenarios";

interface Route {
  words: string[];
  scenario: string;
  question: string;
}

/** The scenario table of README's Quick start, as written. */
function readmeRoutes(): Route[] {
  const readme = readFileSync(resolve(import.meta.dirname, "../../README.md"), "utf8");
  const start = readme.indexOf("| words ");
  expect(start, "README has the scenario table").toBeGreaterThan(0);
  const lines = readme.slice(start).split("\n");
  const rows = lines.slice(
    2,
    lines.findIndex((l, i) => i > 0 && !l.startsWith("|")),
  );
  return rows.map((row) => {
    const [words = "", scenario = "", question = ""] = row
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim());
    return {
      words: [...words.matchAll(/_([^_]+)_/g)].map((m) => m[1]!),
      scenario: scenario.replace(/`/g, ""),
      question,
    };
  });
}

describe("README's demo scenario table", () => {
  const routes = readmeRoutes();

  it("routes every word it lists to the scenario it names", () => {
    expect(routes.length).toBeGreaterThan(10);
    for (const { words, scenario } of routes) {
      for (const word of words) {
        expect(pickScenario(word).name, word).toBe(scenario);
        // Inside a sentence, in any case, as a user would type it.
        expect(pickScenario(`Could you ${word.toUpperCase()} this, please?`).name, word).toBe(scenario);
      }
    }
  });

  it("names every scenario once, and anything else plays the Cypher scenario", () => {
    expect(routes.map((r) => r.scenario).sort()).toEqual(SCENARIOS.map((s) => s.name).sort());
    const fallback = routes.find((r) => r.words.length === 0);
    expect(fallback?.scenario).toBe("cypher");
    expect(pickScenario("How are you?").name).toBe("cypher");
  });

  it("lists exactly the questions the demo suggests, each with the scenario it plays", () => {
    const listed = routes.filter((r) => r.question !== "");
    expect(listed.map((r) => r.question).sort()).toEqual([...SUGGESTIONS].sort());
    for (const { question, scenario } of listed) expect(pickScenario(question).name, question).toBe(scenario);
  });
});
