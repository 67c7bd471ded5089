import type { ScheduleTimeout, StatePort } from "./store-port";
import { cutOffSends } from "./unconfirmed-sends";

export interface LifecycleDeps {
  state: StatePort;
  scheduleTimeout: ScheduleTimeout;
  connect(sessionId: string): void;
  /** Aborts every request and the stream, and forgets per-scope memory. */
  resetScope(): void;
}

/** Mount and unmount: `start` opens the stream of the current session, `stop` aborts everything. */
export function createLifecycle({ state, scheduleTimeout, connect, resetScope }: LifecycleDeps) {
  let cancelStart: (() => void) | null = null;
  return {
    start(): void {
      if (cancelStart !== null) return;
      // Deferred so a StrictMode mount/unmount/mount pair opens one connection, not two.
      cancelStart = scheduleTimeout(() => {
        cancelStart = null;
        const { sessionId, connection } = state.get();
        if (sessionId && (connection === "idle" || connection === "failed")) connect(sessionId);
      }, 0);
    },
    stop(): void {
      cancelStart?.();
      cancelStart = null;
      resetScope();
      state.set({
        connection: "idle",
        stopping: false,
        pending: cutOffSends(state.get().pending, Boolean(state.get().sessionId)),
      });
    },
  };
}
