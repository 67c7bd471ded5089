import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { CypherCard, ToolCard } from "../../../src";
import { tool } from "./tools";
import { en } from "../../helpers/labels";

describe("a call the turn ended without", () => {
  it.each([
    ["ToolCard", ToolCard, "lookup_service"],
    ["CypherCard", CypherCard, "run_cypher"],
  ])("%s says it did not finish instead of running on", (_, Card, name) => {
    render(<Card tool={tool({ name, unfinished: true })} />);
    const card = screen.getByRole("group", { name: `Tool call ${name}` });
    expect(card).toHaveAttribute("data-state", "stopped");
    expect(card).toHaveTextContent(en.statusNotFinished);
    expect(card).not.toHaveTextContent(/running/i);
  });
});
