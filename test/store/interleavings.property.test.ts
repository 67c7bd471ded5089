// @vitest-environment node
// The store against a multi-tenant backend behind slow and failing host headers, over random
// interleavings of tenant switches, sends, stream drops, hiding and showing the panel: nothing of
// one tenant reaches another, no conversation splits, nothing is sent twice or lost silently, and
// once everything has answered the panel is never stuck loading.
import { describe, expect, it } from "vitest";
import { createTracyStore } from "../../src/store/create-tracy-store";
import { blockedByFailure } from "../../src/store/queued-sends";
import { selectPhase } from "../../src/store/selectors";
import type { TracyState, TracyStore } from "../../src/store/tracy-state";
import { manualTimeouts } from "../helpers/fake-clock";
import { createOpaqueIds } from "../helpers/opaque-ids";
import { mulberry32 } from "../helpers/rng";
import { TenantBackend } from "../helpers/tenant-backend";

const SEEDS = 250;
const STEPS = 80;
const MAX_SETTLE_ROUNDS = 500;
const TENANTS = ["acme", "globex", "initech"];
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Send {
  text: string;
  tenantId: string;
  key: string;
  /** The host switched tenant while this was still in the panel's state (with this status): the switch dropped it. */
  droppedBySwitch: "queued" | "sending" | "sent" | "failed" | null;
}

const tenantOfText = (text: string) => / from (\w+)$/.exec(text)?.[1] ?? null;

/** Everything the panel holds belongs to the current tenant (and its current session). */
function checkTenancy(state: TracyState, backend: TenantBackend, context: string): void {
  for (const id of state.transcript.log.keys()) {
    const session = backend.sessions.get(backend.eventSession.get(id) ?? "");
    expect(session?.tenantId, `${context}: event ${id} shown to ${state.tenantId}`).toBe(state.tenantId);
    expect(session?.id, `${context}: event ${id} of another session`).toBe(state.sessionId);
  }
  for (const p of state.pending) expect(tenantOfText(p.text), `${context}: pending ${p.text}`).toBe(state.tenantId);
  if (state.sessionId) expect(backend.sessions.get(state.sessionId)?.tenantId, context).toBe(state.tenantId);
}

async function run(seed: number) {
  const random = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(random() * xs.length)];
  const tenants = TENANTS.slice(0, 2 + Math.floor(random() * 2));
  const backend = new TenantBackend(
    createOpaqueIds(seed),
    createOpaqueIds(seed + 100_000, "sesn_"),
    tenantOfText,
    () => random() < 0.3,
  );
  /** The host: saves each tenant's session when the panel creates one and passes it back (README). */
  const hostSessions = new Map<string, string>();
  let hostTenant = tenants[0] as string;
  const frames: (() => void)[] = [];
  let clock = 0;
  const timeouts = manualTimeouts();
  /** Runs `start()`'s deferred connect, then what it set off. */
  const afterStart = async () => {
    timeouts.run();
    await tick();
  };
  const store: TracyStore = createTracyStore({
    transport: backend,
    tenantId: hostTenant,
    traceId: "trace-0",
    historyPageSize: 1 + Math.floor(random() * 4),
    now: () => clock,
    scheduleTimeout: timeouts.scheduleTimeout,
    scheduleFrame: (callback) => {
      frames.push(callback);
      return () => {
        const i = frames.indexOf(callback);
        if (i >= 0) frames.splice(i, 1);
      };
    },
    onSessionChange: () => (id) => {
      if (id) hostSessions.set(hostTenant, id);
      else hostSessions.delete(hostTenant);
    },
  });
  const actions = () => store.getState().actions;
  const sends: Send[] = [];
  let hidden = false;
  const check = (step: string) => checkTenancy(store.getState(), backend, `seed ${seed} ${step}`);

  actions().start();
  await afterStart();
  for (let step = 0; step < STEPS; step++) {
    clock += Math.floor(random() * 300);
    const roll = random();
    if (roll < 0.02) {
      // Another trace of the same tenant: the conversation goes on.
      actions().setContext({ tenantId: hostTenant, traceId: `trace-${step}` });
    } else if (roll < 0.08) {
      // The host switches tenant, then passes that tenant's saved session (as useTracySession does).
      const next = pick(tenants.filter((t) => t !== hostTenant)) as string;
      for (const s of sends) {
        const p = store.getState().pending.find((x) => x.key === s.key);
        if (s.tenantId === hostTenant && p) s.droppedBySwitch = p.status;
      }
      hostTenant = next;
      actions().setContext({ tenantId: next, traceId: `trace-${step}` });
      const saved = hostSessions.get(next);
      if (saved) actions().setSessionId(saved);
    } else if (roll < 0.26) {
      const text = `q${step} from ${hostTenant}`;
      if (actions().send(text)) {
        const key = store.getState().pending.at(-1)?.key as string;
        sends.push({ text, tenantId: hostTenant, key, droppedBySwitch: null });
      }
    } else if (roll < 0.55) {
      // The host's headers (or a response) arrive, or fail; sometimes all that waits arrives at once.
      const gate = pick(backend.gates);
      if (random() < 0.25) for (const g of [...backend.gates]) g.open();
      else if (gate) {
        if (random() < (gate.kind === "headers" ? 0.15 : 0.08)) gate.fail();
        else gate.open();
      }
    } else if (roll < 0.68) {
      const connection = pick(backend.connections.filter((c) => c.state === "ready" || c.state === "open"));
      if (connection?.state === "ready") backend.open(connection);
      else if (connection && random() < 0.5) backend.drop(connection);
    } else if (roll < 0.8) {
      const session = pick([...backend.sessions.values()].filter((s) => s.agenda.length > 0));
      if (session) backend.advance(session);
    } else if (roll < 0.87) {
      // Hidden (unmount, or <Activity mode="hidden">), then shown again, now or later.
      if (hidden) {
        hidden = false;
        actions().start();
        await afterStart();
      } else {
        actions().stop();
        hidden = random() < 0.6;
        if (!hidden) {
          actions().start();
          await afterStart();
        }
      }
    } else if (roll < 0.92) {
      // The person clicks Retry on what the panel offers it for.
      const state = store.getState();
      const failed = pick(state.pending.filter((p) => p.status === "failed"));
      if (failed && random() < 0.5) state.actions.retrySend(failed.key);
      else if (state.error?.retry === "reconnect" || state.error?.retry === "history") state.actions.reconnect();
    } else {
      for (const frame of frames.splice(0)) frame();
    }
    if (random() < 0.6) await tick();
    check(`step ${step}`);
  }

  // Settle: shown, every header and response answered, streams open, the upstream done, Retry
  // clicked where the panel offers it for the stream or history.
  if (hidden) {
    actions().start();
    await afterStart();
  }
  let rounds = 0;
  for (; rounds < MAX_SETTLE_ROUNDS; rounds++) {
    for (const gate of [...backend.gates]) gate.open();
    for (const c of backend.connections) backend.open(c);
    for (const session of backend.sessions.values()) backend.advance(session);
    for (const frame of frames.splice(0)) frame();
    const state = store.getState();
    if (state.error?.retry === "reconnect" || state.error?.retry === "history") state.actions.reconnect();
    await tick();
    check(`settling ${rounds}`);
    const s = store.getState();
    const quiet =
      backend.gates.length === 0 &&
      frames.length === 0 &&
      [...backend.sessions.values()].every((x) => x.agenda.length === 0) &&
      // A failed message holds the ones queued after it: that is settled too (the person decides).
      !s.pending.some((p) => p.status !== "failed" && !(p.status === "queued" && blockedByFailure(s.pending, p.key))) &&
      (s.sessionId === null || (s.connection === "open" && !s.syncing && s.historyLoaded));
    if (quiet) break;
  }
  const state = store.getState();
  const settled = {
    rounds,
    connection: state.connection,
    syncing: state.syncing,
    error: state.error,
    pending: state.pending.map((p) => [p.text, p.status, p.unconfirmed ?? false]),
    gates: backend.gates.map((g) => [g.kind, g.call]),
  };
  actions().stop();
  return { backend, state, sends, hostSessions, settled, phase: selectPhase(state) };
}

function userMessages(log: readonly { type: string; content?: unknown }[]): string[] {
  return log.filter((e) => e.type === "user.message").map((e) => (e.content as { text: string }[])[0]?.text ?? "");
}

describe("random interleavings of tenant switches, sends, drops, hiding and slow or failing headers", () => {
  it(`keep tenants apart and lose or repeat nothing (${SEEDS} seeds)`, async () => {
    const totals = {
      sends: 0,
      delivered: 0,
      failed: 0,
      failedButLogged: 0,
      droppedBySwitch: 0,
      droppedWhileSending: 0,
      droppedFailed: 0,
      orphanSessions: 0,
    };
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { backend, state, sends, settled, phase, hostSessions } = await run(seed);
      const context = `seed ${seed}`;

      // 5. Settled, not stuck loading.
      expect(settled.rounds, `${context}: never settled: ${JSON.stringify(settled)}`).toBeLessThan(MAX_SETTLE_ROUNDS);
      expect(phase.kind, context).not.toBe("loading");

      // 1. Tenancy: no request crossed tenants, and the host only holds each tenant's own session.
      expect(backend.violations, context).toEqual([]);
      for (const [tenant, id] of hostSessions) expect(backend.sessions.get(id)?.tenantId, context).toBe(tenant);

      // 2. No split conversation: per tenant, at most one session that the panel learned of or
      // that holds a message. (A create the panel abandoned mid-flight may leave an empty one.)
      const sessions = [...backend.sessions.values()];
      for (const tenant of TENANTS) {
        const mine = sessions.filter((s) => s.tenantId === tenant);
        expect(mine.filter((s) => s.known).length, `${context}: ${tenant}'s sessions`).toBeLessThanOrEqual(1);
        expect(
          mine.filter((s) => userMessages(s.log).length > 0).length,
          `${context}: ${tenant}'s conversations`,
        ).toBeLessThanOrEqual(1);
        totals.orphanSessions += mine.filter((s) => !s.known).length;
      }

      // 3. Nothing sent twice.
      const logged = sessions.flatMap((s) => userMessages(s.log).map((text) => ({ text, tenantId: s.tenantId })));
      expect(new Set(logged.map((m) => m.text)).size, context).toBe(logged.length);
      expect(backend.userMessageKeys.size, context).toBeLessThanOrEqual(sends.length);
      for (const m of logged)
        expect(
          sends.some((s) => s.text === m.text && s.tenantId === m.tenantId),
          context,
        ).toBe(true);

      // 4. Nothing lost silently: logged in its tenant's session, or shown as failed (Retry/Edit),
      // unless a tenant switch dropped it from the panel, which the store does by design.
      for (const send of sends) {
        const inLog = logged.some((m) => m.text === send.text && m.tenantId === send.tenantId);
        const shownFailed =
          state.tenantId === send.tenantId &&
          state.pending.some((p) => p.key === send.key && (p.status === "failed" || p.status === "queued"));
        totals.sends += 1;
        if (inLog) totals.delivered += 1;
        if (shownFailed) totals.failed += 1;
        if (inLog && shownFailed) totals.failedButLogged += 1;
        if (!inLog && !shownFailed) {
          expect(send.droppedBySwitch, `${context}: "${send.text}" vanished`).not.toBe(null);
          totals.droppedBySwitch += 1;
          if (send.droppedBySwitch === "sending") totals.droppedWhileSending += 1;
          if (send.droppedBySwitch === "failed") totals.droppedFailed += 1;
        }
      }
      // Nothing is left "sending" or "sent" once everything answered, and the transcript is the
      // current session's whole log.
      expect(
        state.pending.filter(
          (p) => p.status !== "failed" && !(p.status === "queued" && blockedByFailure(state.pending, p.key)),
        ),
        context,
      ).toEqual([]);
      if (state.sessionId) {
        const log = backend.sessions.get(state.sessionId)?.log ?? [];
        expect([...state.transcript.log.keys()].sort(), context).toEqual(log.map((e) => e.id).sort());
      }
    }
    // The interleavings exercised what they mean to.
    expect(totals.delivered).toBeGreaterThan(SEEDS);
    expect(totals.failed).toBeGreaterThan(0);
    expect(totals.droppedBySwitch).toBeGreaterThan(0);
    expect(totals.orphanSessions).toBeGreaterThan(0);
  });
});
