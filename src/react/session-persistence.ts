import { memoryToolClaims, type ClientToolAnswer, type ToolClaims } from "../store/client-tools";

/** Where the panel remembers each tenant's session id across reloads. */
export interface SessionPersistence {
  /** The session id remembered for the tenant, or null. */
  load(tenantId: string): string | null;
  /** Remembers the tenant's session id; null forgets it. */
  save(tenantId: string, sessionId: string | null): void;
}

const PREFIX = "tracy-panel:session:";

/**
 * Per-tab persistence in `sessionStorage`, keyed by tenant, so a reload resumes the
 * conversation and another tenant never sees it. Storage failures (private mode, quotas,
 * sandboxed iframes) only cost the resume.
 */
export function sessionStoragePersistence(storage: () => Storage | undefined = defaultStorage): SessionPersistence {
  return {
    load(tenantId) {
      try {
        return storage()?.getItem(PREFIX + tenantId) ?? null;
      } catch {
        return null;
      }
    },
    save(tenantId, sessionId) {
      try {
        const s = storage();
        if (!s) return;
        if (sessionId) s.setItem(PREFIX + tenantId, sessionId);
        else s.removeItem(PREFIX + tenantId);
      } catch {
        // See above: persistence is best effort.
      }
    },
  };
}

function defaultStorage(): Storage | undefined {
  return typeof sessionStorage === "undefined" ? undefined : sessionStorage;
}

const CLAIM_PREFIX = "tracy-panel:tool:";

/**
 * Client tool claims in `sessionStorage`, so a handler that ran before a reload is not run again
 * after it (its answer, if computed, is kept for the user to send). Falls back to memory when
 * storage fails: claims then last as long as the page.
 */
export function sessionStorageToolClaims(storage: () => Storage | undefined = defaultStorage): ToolClaims {
  const memory = memoryToolClaims();
  const key = (sessionId: string, toolUseId: string) => `${CLAIM_PREFIX}${sessionId}:${toolUseId}`;
  const read = (sessionId: string, toolUseId: string): string | null | undefined => {
    try {
      return storage()?.getItem(key(sessionId, toolUseId));
    } catch {
      return undefined;
    }
  };
  const write = (sessionId: string, toolUseId: string, value: string): boolean => {
    try {
      const s = storage();
      if (!s) return false;
      s.setItem(key(sessionId, toolUseId), value);
      return true;
    } catch {
      return false;
    }
  };
  return {
    claim(sessionId, toolUseId) {
      const fresh = memory.claim(sessionId, toolUseId);
      if (!fresh) return false;
      if (typeof read(sessionId, toolUseId) === "string") return false;
      write(sessionId, toolUseId, "");
      return true;
    },
    answer(sessionId, toolUseId) {
      const stored = read(sessionId, toolUseId);
      if (stored) {
        try {
          return JSON.parse(stored) as ClientToolAnswer;
        } catch {
          return undefined;
        }
      }
      return memory.answer(sessionId, toolUseId);
    },
    setAnswer(sessionId, toolUseId, answer) {
      memory.setAnswer(sessionId, toolUseId, answer);
      write(sessionId, toolUseId, JSON.stringify(answer));
    },
  };
}
