import { act, render, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TracyPanel } from "../../src";
import { BLOCK_GROUP_SIZE } from "../../src/components/markdown";
import { RELAYOUT_ATTRIBUTE, useReleasableLayout } from "../../src/components/layout-release";
import { FakeTransport, eventId, text } from "../helpers/fake-transport";
import { mulberry32 } from "../helpers/rng";

/** The browser starting or stopping to skip a `content-visibility: auto` element. */
function skip(group: Element, skipped: boolean) {
  const event = new Event("contentvisibilityautostatechange");
  Object.defineProperty(event, "skipped", { value: skipped });
  act(() => {
    group.dispatchEvent(event);
  });
}

const released = (group: Element) => group.hasAttribute(RELAYOUT_ATTRIBUTE);

/** Animation frames on the test's word: the callbacks waiting for the next frame, by handle. */
let waiting = new Map<number, FrameRequestCallback>();
let handles = 0;
beforeEach(() => {
  waiting = new Map();
  vi.stubGlobal("requestAnimationFrame", (callback: FrameRequestCallback) => {
    waiting.set(++handles, callback);
    return handles;
  });
  vi.stubGlobal("cancelAnimationFrame", (handle: number) => waiting.delete(handle));
});
afterEach(() => {
  vi.unstubAllGlobals();
});

/** Two animation frames: as long as a skip must last before the group is released. */
function frames() {
  for (let frame = 0; frame < 2; frame++) {
    const now = [...waiting.values()];
    waiting.clear();
    for (const callback of now) callback(frame);
  }
}

/** A skip that lasts. */
function skipped(group: Element) {
  skip(group, true);
  frames();
}

function Group({ id }: { id: string }) {
  return <div ref={useReleasableLayout()} data-testid={id} />;
}

/** Three groups of a reply, the last one still growing. */
function renderGroups() {
  const view = render(
    <div>
      <Group id="g0" />
      <Group id="g1" />
      <Group id="g2" />
    </div>,
  );
  return { view, groups: ["g0", "g1", "g2"].map((id) => view.getByTestId(id)) };
}

describe("useReleasableLayout", () => {
  it("flips a finished group once the browser has skipped it for two frames, then only again after it was shown", () => {
    const [first] = renderGroups().groups as [HTMLElement];
    skipped(first);
    expect(released(first)).toBe(true);
    // Skipped again without being shown: it has no layout to release.
    skipped(first);
    expect(released(first)).toBe(true);
    skip(first, false);
    expect(released(first)).toBe(true);
    skipped(first);
    expect(released(first)).toBe(false); // flipped back: the other display, laid out alike
  });

  it("keeps a group the browser reports skipped only until it has placed it (a group just finished, on screen)", () => {
    const [first] = renderGroups().groups as [HTMLElement];
    skip(first, true);
    expect(released(first)).toBe(false);
    skip(first, false);
    frames();
    expect(released(first)).toBe(false);
  });

  it("never flips the last group, which is still growing and is not skipped by the browser", () => {
    const { groups } = renderGroups();
    const last = groups[2] as HTMLElement;
    skip(last, false);
    skipped(last);
    expect(released(last)).toBe(false);
  });

  it("stops listening, and forgets a pending release, once unmounted", () => {
    const { view, groups } = renderGroups();
    const [first, second] = groups as [HTMLElement, HTMLElement];
    skip(second, true);
    view.unmount();
    const detached = document.createElement("div");
    detached.append(first, second, document.createElement("div"));
    skipped(first);
    frames();
    expect([released(first), released(second)]).toEqual([false, false]);
  });

  it("on any order of the browser's reports and frames, flips a group exactly when a skip lasts with layout to drop", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { view, groups } = renderGroups();
      const rng = mulberry32(seed);
      const group = groups[Math.floor(rng() * 2)] as HTMLElement; // a finished one
      // The model: a group may hold layout until released; being shown gives it layout again. A report cancels the
      // check pending; a skip of a group with layout schedules one two frames on, which releases it.
      let laidOut = true;
      let pending = false;
      let flips = 0;
      for (let step = 0; step < 30; step++) {
        const r = rng();
        if (r < 0.3) {
          frames();
          if (pending) {
            laidOut = false;
            flips += 1;
          }
          pending = false;
        } else {
          const isSkipped = r < 0.65;
          skip(group, isSkipped);
          if (!isSkipped) laidOut = true;
          pending = isSkipped && laidOut;
        }
        expect(released(group), `seed ${seed}, step ${step}`).toBe(flips % 2 === 1);
      }
      view.unmount();
    }
  });
});

describe("in the panel", () => {
  it("a reply's finished groups give up their layout when the browser skips them; their text stays", async () => {
    const transport = new FakeTransport();
    const blocks = Array.from({ length: BLOCK_GROUP_SIZE * 3 }, (_, i) => `Paragraph ${i + 1}.`);
    transport.history["sesn_r"] = [{ type: "agent.message", id: eventId("1:1"), content: text(blocks.join("\n\n")) }];
    const { container, findByText } = render(<TracyPanel tenantId="acme" sessionId="sesn_r" transport={transport} />);
    // History is listed once the stream is open.
    await waitFor(() => expect(transport.streams).toHaveLength(1));
    act(() => transport.lastStream().open());
    await findByText(`Paragraph ${blocks.length}.`);
    const groups = [...container.querySelectorAll(".tracy-md-group")];
    expect(groups).toHaveLength(3);
    for (const group of groups) skip(group, true);
    frames();
    expect(groups.map(released)).toEqual([true, true, false]);
    expect(groups[0]?.textContent).toBe(blocks.slice(0, BLOCK_GROUP_SIZE).join(""));
  });
});
