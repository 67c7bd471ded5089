import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Markdown } from "../../src/components/markdown";
import { en } from "../helpers/labels";

describe("markdown task lists", () => {
  it("names each checkbox by its state, so none is an unlabelled form field", () => {
    render(<Markdown text={"- [x] index payments-db\n- [ ] cache the plan"} />);
    const done = screen.getByRole("checkbox", { name: en.taskDone });
    const todo = screen.getByRole("checkbox", { name: en.taskNotDone });
    expect(done).toBeChecked();
    expect(done).toBeDisabled();
    expect(todo).not.toBeChecked();
    expect(todo).toBeDisabled();
  });
});
