import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { describe, expect, it } from "vitest";
import { traceTreeResult } from "../../../dev/scenarios/trace-tree";
import { extractGraph, type GraphData } from "../../../src/components/cypher/graph-data";
import { GraphView } from "../../../src/components/cypher/graph-view";

describe("<GraphView> accessibility", () => {
  it("has no axe violations, with a node chosen (rules that need layout aside: jsdom has none)", async () => {
    const user = userEvent.setup();
    const { container } = render(
      <main>
        <GraphView graph={extractGraph(traceTreeResult("acme", "t"), null) as GraphData} />
      </main>,
    );
    await user.click(container.querySelector("[data-node]") as Element);
    const result = await axe.run(container, {
      rules: { "color-contrast": { enabled: false }, region: { enabled: false } },
    });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
});
