/** A fresh Idempotency-Key for one user intent (a send, a stop). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === "function") return c.randomUUID();
  // Non-secure contexts (plain http on a LAN host) have no randomUUID; uniqueness is all we need.
  return `tracy-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
}
