import { fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { GraphView } from "../../../src/components/cypher/graph-view";
import { extractGraph, type GraphData } from "../../../src/components/cypher/graph-data";
import { MAX_DRAWN_NODES } from "../../../src/components/cypher/graph-layout";
import { traceTreeResult } from "../../../dev/scenarios/trace-tree";
import { en } from "../../helpers/labels";

// jsdom has no PointerEvent: a MouseEvent with a pointer id is all the view reads.
if (typeof window.PointerEvent === "undefined") {
  class PointerEventShim extends MouseEvent {
    readonly pointerId: number;
    constructor(type: string, init: PointerEventInit = {}) {
      super(type, init);
      this.pointerId = init.pointerId ?? 0;
    }
  }
  window.PointerEvent = PointerEventShim as unknown as typeof PointerEvent;
}

const tree = extractGraph(traceTreeResult("acme", "trace-7f3a"), null) as GraphData;

const canvas = () => screen.getByRole("group", { name: /^Graph: / });
const node = (name: RegExp | string) => within(canvas()).getByRole("button", { name });
const details = () => screen.getByRole("region", { name: en.graphDetails });
const viewport = () => canvas().querySelector(".tracy-graph-viewport") as SVGGElement;
const translateOf = (el: Element) => (el.getAttribute("transform") ?? "").match(/-?[\d.]+/g)?.map(Number) ?? [];

describe("<GraphView>", () => {
  it("draws a trace tree top-down: the root above its children, children side by side", () => {
    render(<GraphView graph={tree} />);
    expect(canvas()).toHaveAccessibleName("Graph: 8 nodes, 7 relationships");
    const [rootX, rootY] = translateOf(node("Span POST /checkout"));
    const [payX, payY] = translateOf(node("Span PaymentIntent.confirm"));
    const [dbX, dbY] = translateOf(node("Span SELECT payment_methods"));
    const [fraudX, fraudY] = translateOf(node("Span score_transaction"));
    expect(payY).toBeGreaterThan(rootY as number);
    expect(dbY).toBeGreaterThan(payY as number);
    expect(fraudY).toBe(dbY);
    expect(payX).toBe(((dbX as number) + (fraudX as number)) / 2);
    expect(rootX).toBeGreaterThan(payX as number);
    // Class names and attributes only.
    expect(canvas().querySelector("[style]")).toBeNull();
  });

  it("is one tab stop; arrow keys walk the tree and the focused node's properties show", async () => {
    const user = userEvent.setup();
    render(<GraphView graph={tree} />);
    expect(details()).toHaveTextContent(en.graphNoSelection);
    await user.tab(); // zoom out
    await user.tab(); // zoom in
    await user.tab(); // fit
    await user.tab();
    expect(node("Span POST /checkout")).toHaveFocus();
    expect(details()).toHaveTextContent("service");
    expect(details()).toHaveTextContent("checkout-api");
    expect(details()).not.toHaveTextContent("acme"); // tenant scoping stays out

    await user.keyboard("{ArrowDown}");
    expect(node("Span PaymentIntent.confirm")).toHaveFocus();
    expect(node("Span PaymentIntent.confirm")).toHaveAttribute("aria-current", "true");
    expect(details()).toHaveTextContent("2410");
    await user.keyboard("{ArrowDown}");
    expect(node("Span SELECT payment_methods")).toHaveFocus();
    await user.keyboard("{ArrowRight}");
    expect(node("Span score_transaction")).toHaveFocus();
    expect(details()).toHaveTextContent("(Span score_transaction)-[:CHILD_OF]->(Span PaymentIntent.confirm)");
    await user.keyboard("{ArrowUp}{ArrowUp}");
    expect(node("Span POST /checkout")).toHaveFocus();
    await user.keyboard("{ArrowUp}"); // no parent: stays
    expect(node("Span POST /checkout")).toHaveFocus();
    await user.keyboard("{End}");
    expect(within(canvas()).getAllByRole("button").at(-1)).toHaveFocus();

    // Only the focused node is in the tab order.
    expect(
      within(canvas())
        .getAllByRole("button")
        .filter((b) => b.getAttribute("tabindex") === "0"),
    ).toHaveLength(1);
    await user.tab();
    expect(canvas().contains(document.activeElement)).toBe(false);
  });

  it("shows a node's details when clicked", async () => {
    const user = userEvent.setup();
    render(<GraphView graph={tree} />);
    await user.click(node("Span quote_rates"));
    expect(details()).toHaveTextContent("shipping-svc");
    expect(node("Span quote_rates")).toHaveFocus();
  });

  it("zooms with the buttons and + / − / 0, and pans with drag and Shift+arrows", async () => {
    const user = userEvent.setup();
    render(<GraphView graph={tree} />);
    const level = () => screen.getByText(/^Zoom \d+%$/).textContent;
    expect(level()).toBe("Zoom 100%");
    await user.click(screen.getByRole("button", { name: en.zoomIn }));
    expect(level()).toBe("Zoom 125%");
    expect(viewport().getAttribute("transform")).toMatch(/scale\(1\.25\)$/);
    await user.click(screen.getByRole("button", { name: en.zoomOut }));
    await user.click(screen.getByRole("button", { name: en.zoomOut }));
    expect(level()).toBe("Zoom 80%");

    await user.click(node("Span POST /checkout"));
    await user.keyboard("+");
    expect(level()).toBe("Zoom 100%");
    const before = translateOf(viewport());
    await user.keyboard("{Shift>}{ArrowRight}{/Shift}");
    const after = translateOf(viewport());
    expect(after[0]).toBe((before[0] as number) - 48);
    expect(after[1]).toBe(before[1]);
    expect(node("Span POST /checkout")).toHaveFocus(); // Shift+arrows pan, they do not move the focus

    const svg = canvas();
    fireEvent.pointerDown(svg, { button: 0, pointerId: 1, clientX: 100, clientY: 100 });
    fireEvent.pointerMove(svg, { pointerId: 1, clientX: 130, clientY: 80 });
    fireEvent.pointerUp(svg, { pointerId: 1, clientX: 130, clientY: 80 });
    expect(translateOf(viewport()).slice(0, 2)).toEqual([(after[0] as number) + 30, (after[1] as number) - 20]);

    await user.keyboard("0");
    expect(level()).toBe("Zoom 100%");
    expect(translateOf(viewport()).slice(0, 2)).toEqual([0, 0]);
  });

  it("zooms with Ctrl+wheel, and lets a plain wheel scroll the page while the graph has no focus", () => {
    render(<GraphView graph={tree} />);
    const plain = new WheelEvent("wheel", { deltaY: -100, cancelable: true, bubbles: true });
    canvas().dispatchEvent(plain);
    expect(plain.defaultPrevented).toBe(false);
    expect(screen.getByText(/^Zoom \d+%$/)).toHaveTextContent("Zoom 100%");
    const pinch = new WheelEvent("wheel", { deltaY: -100, ctrlKey: true, cancelable: true, bubbles: true });
    fireEvent(canvas(), pinch);
    expect(pinch.defaultPrevented).toBe(true);
    expect(screen.getByText(/^Zoom \d+%$/)).toHaveTextContent("Zoom 149%");
  });

  it("draws a large graph in part, and says so", () => {
    const nodes = Array.from({ length: 1_234 }, (_, i) => ({
      elementId: `n${i}`,
      labels: ["Span"],
      properties: { name: `op-${i}` },
    }));
    const relationships = nodes.slice(1).map((n, i) => ({
      elementId: `r${i}`,
      type: "CHILD_OF",
      startNodeElementId: n.elementId,
      endNodeElementId: `n${Math.floor(i / 3)}`,
      properties: {},
    }));
    render(<GraphView graph={{ nodes, relationships }} />);
    expect(within(canvas()).getAllByRole("button")).toHaveLength(MAX_DRAWN_NODES);
    expect(screen.getByRole("note")).toHaveTextContent(en.graphCapped("200", "1,234"));
    // Breadth first: the top of the tree is what is drawn.
    expect(node("Span op-0")).toBeInTheDocument();
  });

  it("draws the missing end of a relationship as a node of its own, marked so", async () => {
    const user = userEvent.setup();
    const graph: GraphData = {
      nodes: [{ elementId: "4:x:1", labels: ["Span"], properties: { name: "child" } }],
      relationships: [
        {
          elementId: "5:x:1",
          type: "CHILD_OF",
          startNodeElementId: "4:x:1",
          endNodeElementId: "4:x:99",
          properties: {},
        },
      ],
    };
    render(<GraphView graph={graph} />);
    const missing = node(/not in the result/);
    expect(missing).toHaveClass("tracy-graph-missing");
    await user.click(missing);
    expect(details()).toHaveTextContent("4:x:99");
  });

  it("shows hostile property values and labels as text", async () => {
    const user = userEvent.setup();
    const hostile = '<img src=x onerror="alert(1)"><script>window.__pwned=1</script>';
    const graph: GraphData = {
      nodes: [{ elementId: "a", labels: [hostile], properties: { name: hostile, [hostile]: hostile, __proto__x: 1 } }],
      relationships: [],
    };
    const { container } = render(<GraphView graph={graph} />);
    await user.click(within(canvas()).getAllByRole("button")[0] as HTMLElement);
    expect(container.querySelector("img, script, foreignObject, use")).toBeNull();
    expect(details()).toHaveTextContent(hostile);
  });
});
