/** Where the panel remembers each tenant's session id across reloads. */
export interface SessionPersistence {
  load(tenantId: string): string | null;
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
