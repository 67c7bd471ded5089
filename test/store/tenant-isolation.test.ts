// Property-style: random tenant/trace switches while events stream never leak anything across tenants.
import { describe, expect, it, vi } from "vitest";
import { createTracyStore } from "../../src/store/create-tracy-store";
import { settle, installFakeClock } from "../helpers/fake-clock";
import { FakeTransport, eventId, text } from "../helpers/fake-transport";
import { mulberry32 } from "../helpers/rng";

const TENANTS = ["acme", "globex", "initech", "umbrella"];
/** What is due now runs, and the promise chains it starts; the next frame does not come yet. */
const tick = () => vi.advanceTimersByTimeAsync(0);
/** The next frame comes: live events batched so far are folded. */
const frame = settle;

installFakeClock();

describe("tenant isolation under random switches", () => {
  it.each([1, 2, 3])(
    "100 switches during streaming never show, keep or send another tenant's data (seed %i)",
    async (seed) => {
      const random = mulberry32(seed);
      const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)] as T;
      const transport = new FakeTransport();
      const store = createTracyStore({ transport, tenantId: "acme", traceId: "t0" });
      const { actions } = store.getState();
      /** Which tenant each stream and each event belongs to, so leaks can be recognised. */
      const streamTenant = new Map<number, string>();
      let eventN = 1000;

      for (let step = 0; step < 100; step++) {
        const roll = random();
        if (roll < 0.35) {
          actions.setContext({ tenantId: pick(TENANTS), traceId: random() < 0.5 ? `t${step}` : null });
        } else if (roll < 0.55) {
          actions.send(`question ${step} from ${store.getState().tenantId}`);
        } else {
          // Any stream, current or stale, delivers an event tagged with its own tenant.
          const i = Math.floor(random() * transport.streams.length);
          const stream = transport.streams[i];
          if (stream) {
            streamTenant.set(i, stream.ctx.tenantId);
            transport.emitLate(stream, {
              type: "agent.message",
              id: eventId(`9:${++eventN}`),
              content: text(`secret of ${stream.ctx.tenantId}`),
            });
          }
        }
        if (random() < 0.5) await tick();
        if (random() < 0.2) await frame();

        const s = store.getState();
        // Everything visible belongs to the current tenant.
        for (const id of s.transcript.order) {
          const item = s.transcript.items.get(id);
          if (item?.kind === "message" && item.role === "agent") expect(item.text).toBe(`secret of ${s.tenantId}`);
        }
        for (const p of s.pending) expect(p.text.endsWith(`from ${s.tenantId}`)).toBe(true);
      }
      await frame();

      // Every request carried the tenant that was current when it was made, and no send crossed tenants.
      for (const send of transport.sends) {
        const body = send.events[0] as { content?: { text: string }[] };
        const sentText = body.content?.[0]?.text ?? "";
        if (sentText) expect(sentText.endsWith(`from ${send.ctx.tenantId}`)).toBe(true);
      }
      for (const s of transport.streams) {
        const sessionTenant = transport.sessions.find((_, i) => `sesn_${i + 1}` === s.sessionId)?.ctx.tenantId;
        expect(s.ctx.tenantId).toBe(sessionTenant);
      }
      // Only the current tenant's stream may still be open.
      const open = transport.streams.filter((s) => !s.closed);
      for (const s of open) expect(s.ctx.tenantId).toBe(store.getState().tenantId);
      expect(transport.sends.length + transport.streams.length).toBeGreaterThan(10);
      actions.stop();
    },
  );
});
