import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { SimSession, type SessionStatus } from "./sim-session.js";
import type { SimEvent } from "./sim-types.js";

/** What survives a restart of the simulator, as sessions and their events survive on the real service. */
interface SavedSession {
  id: string;
  createdAt: string;
  agent: string;
  environmentId: string;
  metadata: Record<string, string>;
  title: string | null;
  status: SessionStatus;
  events: SimEvent[];
  totals: SimSession["totals"];
}

/**
 * Reads the sessions saved in `file` (none if it does not exist or cannot be read). A turn does not survive
 * the process that ran it: a session saved mid-turn comes back idle, with the idle event a client needs
 * to see the turn end, and anything it was waiting on is gone.
 */
export function loadSessions(file: string): SimSession[] {
  if (!existsSync(file)) return [];
  let saved: SavedSession[];
  try {
    saved = JSON.parse(readFileSync(file, "utf8")) as SavedSession[];
  } catch (error) {
    console.warn(`[simulator] ignoring unreadable state file ${file}: ${String(error)}`);
    return [];
  }
  return saved.map((s) => {
    const session = new SimSession(s.agent, s.environmentId, s.metadata, s.title, { id: s.id, createdAt: s.createdAt });
    session.events.push(...s.events);
    Object.assign(session.totals, s.totals);
    session.status = s.status === "terminated" ? "terminated" : "idle";
    const last = [...s.events].reverse().find((e) => e.type.startsWith("session.status_"));
    const midTurn =
      last?.type === "session.status_running" ||
      last?.type === "session.status_rescheduled" ||
      (last?.type === "session.status_idle" && asStopType(last["stop_reason"]) === "requires_action");
    if (session.status === "idle" && midTurn) session.setStatus("idle", { type: "end_turn" });
    return session;
  });
}

/** Writes every session atomically (a temporary file renamed over the old one). */
export function saveSessions(file: string, sessions: Iterable<SimSession>): void {
  const saved: SavedSession[] = [...sessions].map((s) => ({
    id: s.id,
    createdAt: s.createdAt,
    agent: s.agent,
    environmentId: s.environmentId,
    metadata: s.metadata,
    title: s.title,
    status: s.status,
    events: s.events,
    totals: s.totals,
  }));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(saved));
  renameSync(`${file}.tmp`, file);
}

/** Changes whenever a session, an event or an event's processing is added. */
export function stateFingerprint(sessions: Iterable<SimSession>): string {
  let events = 0;
  let processed = 0;
  let count = 0;
  for (const s of sessions) {
    count++;
    events += s.events.length;
    for (const e of s.events) if (e.processed_at) processed++;
  }
  return `${count}:${events}:${processed}`;
}

function asStopType(stop: unknown): unknown {
  return typeof stop === "object" && stop !== null ? (stop as { type?: unknown }).type : undefined;
}
