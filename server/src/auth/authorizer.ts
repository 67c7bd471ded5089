/** Who is calling, as the host's authorizer establishes it. */
export interface Principal {
  userId: string;
  /** Tenant ids the caller may act in; `"any"` only for the development authorizer. */
  tenants: readonly string[] | "any";
}

/**
 * The host's check of a request: a principal, or null for "not signed in" (401). Throwing a
 * `ProtocolError` answers with it; any other throw answers 503 (fail closed).
 */
export type Authorize = (request: Request) => Principal | null | Promise<Principal | null>;

export function allowsTenant(principal: Principal, tenantId: string): boolean {
  return principal.tenants === "any" || principal.tenants.includes(tenantId);
}
