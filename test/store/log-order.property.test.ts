// @vitest-environment node
// The store against a simulated Managed Agents upstream, over generated sessions: whatever the
// history pages, disconnects, duplicate deliveries and queued/processed echoes, the transcript is
// the log read once in order, and the agent never waits forever on the panel.
import { describe, expect, it } from "vitest";
import { foldEvents } from "../../src/protocol/fold";
import { EMPTY_TRANSCRIPT, type Transcript } from "../../src/protocol/transcript";
import { createTracyStore } from "../../src/store/create-tracy-store";
import { requiredActionsOf } from "../../src/store/select-required-actions";
import { selectPhase } from "../../src/store/selectors";
import type { TracyStore } from "../../src/store/tracy-state";
import type { StreamEvent } from "../../src/protocol/events";
import { manualTimeouts } from "../helpers/fake-clock";
import { createOpaqueIds } from "../helpers/opaque-ids";
import { mulberry32 } from "../helpers/rng";
import { SimulatedUpstream, type UpstreamFaults } from "../helpers/simulated-upstream";
import { generateSession } from "../helpers/upstream-script";

const SESSIONS = 300;
const MAX_STEPS = 5_000;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What must match: everything logged, as items and state. Previews that never got a final event are live-only. */
function logged(t: Transcript) {
  const order = t.order.filter((id) => t.log.has(id));
  return {
    order,
    items: order.map((id) => t.items.get(id)),
    status: t.status,
    usage: t.usage,
    sessionUsage: t.sessionUsage,
    openToolIds: t.openToolIds,
    required: requiredActionsOf(t).map((a) => [a.kind, a.tool.id]),
    lastEventId: t.lastEventId,
  };
}

async function run(seed: number, faults: UpstreamFaults) {
  const random = mulberry32(seed);
  const ids = createOpaqueIds(seed);
  const session = generateSession(random, ids, 3);
  const upstream = new SimulatedUpstream(session.steps, random, ids, faults);
  const frames: (() => void)[] = [];
  let steps = 0;
  const runs = new Map<string, number>();
  const timeouts = manualTimeouts();
  const store: TracyStore = createTracyStore({
    transport: upstream,
    tenantId: "acme",
    sessionId: "sesn_011CZkZGOp0iBcp4kaQSihUmy",
    historyPageSize: 1 + Math.floor(random() * 6),
    now: () => steps * 100,
    scheduleTimeout: timeouts.scheduleTimeout,
    scheduleFrame: (callback) => {
      frames.push(callback);
      return () => frames.splice(frames.indexOf(callback), 1);
    },
    tools: () => ({
      lookup: (_input, context) => {
        runs.set(context.toolUseId, (runs.get(context.toolUseId) ?? 0) + 1);
        return { rows: [{ span: "db", ms: 2400 }] };
      },
    }),
  });
  store.getState().actions.start();
  timeouts.run(); // start()'s deferred connect
  expect(upstream.streamRequested).toBe(true);
  const confirmed = new Set<string>();
  let interrupts = 0;
  for (; steps < MAX_STEPS; steps++) {
    upstream.step();
    if (random() < 0.7) for (const frame of frames.splice(0)) frame();
    await tick();
    const state = store.getState();
    // The person at the panel: answers what the panel shows, stops when they mean to.
    for (const action of requiredActionsOf(state.transcript)) {
      if (action.kind === "approval" && !confirmed.has(action.tool.id)) {
        confirmed.add(action.tool.id);
        state.actions.confirmTool(action.tool.id, "allow");
      }
    }
    if (upstream.waitingFor?.type === "user.interrupt" && !state.stopping) {
      interrupts += 1;
      state.actions.interrupt();
    }
    if (upstream.finished && frames.length === 0 && state.connection === "open" && !state.syncing) break;
  }
  for (const frame of frames.splice(0)) frame();
  const transcript = store.getState().transcript;
  const phase = selectPhase(store.getState());
  const stuck =
    steps < MAX_STEPS
      ? ""
      : JSON.stringify({
          waitingFor: upstream.waitingFor,
          connection: store.getState().connection,
          syncing: store.getState().syncing,
          error: store.getState().error,
          status: transcript.status,
          required: requiredActionsOf(transcript).map((a) => a.tool.id),
          stopping: store.getState().stopping,
        });
  store.getState().actions.stop();
  return { session, upstream, transcript, runs, confirmed, interrupts, steps, phase, stuck };
}

describe("the transcript is the log read once in order", () => {
  it(`over ${SESSIONS} generated sessions with opaque ids, paged history, disconnects, duplicates and echoes`, async () => {
    const faults: UpstreamFaults = { disconnect: 0.06, duplicate: 0.05, answerList: 0.5 };
    let reconnects = 0;
    for (let seed = 1; seed <= SESSIONS; seed++) {
      const result = await run(seed, faults);
      const context = `seed ${seed}`;
      expect(result.steps, `${context}: the session never finished: ${result.stuck}`).toBeLessThan(MAX_STEPS);
      const reference = foldEvents(EMPTY_TRANSCRIPT, result.upstream.log as unknown as StreamEvent[]);
      expect(logged(result.transcript), context).toEqual(logged(reference));
      expect(result.transcript.streamingIds, context).toEqual([]);
      expect(result.phase.busy, context).toBe(false);
      // Approvals and client tools answered exactly once.
      for (const id of result.session.clientTools) expect(result.runs.get(id), `${context}: tool ${id}`).toBe(1);
      const confirmations = result.upstream.sends.filter(
        (s) => (s.events[0] as { type: string }).type === "user.tool_confirmation",
      );
      expect(new Set(confirmations.map((s) => s.key)).size, context).toBe(result.session.approvals.length);
      expect(result.interrupts, context).toBe(result.session.interrupts);
      reconnects += result.upstream.streamsOpened - 1;
    }
    // The faults were exercised, not just configured.
    expect(reconnects).toBeGreaterThan(SESSIONS);
  });

  it("is the same when nothing goes wrong and the stream carries everything", async () => {
    for (let seed = 1000; seed < 1020; seed++) {
      const result = await run(seed, { disconnect: 0, duplicate: 0, answerList: 1 });
      const reference = foldEvents(EMPTY_TRANSCRIPT, result.upstream.log as unknown as StreamEvent[]);
      expect(logged(result.transcript), `seed ${seed}`).toEqual(logged(reference));
    }
  });
});
