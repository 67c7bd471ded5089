import { allowsTenant, type Authorize, type Principal } from "../auth/authorizer.js";
import { ProtocolError, invalidRequest } from "../errors.js";

/** Tenant and trace ids reach the model's context: a conservative alphabet keeps them inert. */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}$/;

export interface Caller {
  principal: Principal;
  tenantId: string;
  traceId: string | null;
}

export function checkId(value: string, what: string): string {
  if (!ID_PATTERN.test(value))
    throw invalidRequest(`${what} must be 1–128 characters: letters, digits and . _ : @ / -`);
  return value;
}

export async function authenticate(authorize: Authorize, request: Request): Promise<Principal> {
  let principal: Principal | null;
  try {
    principal = await authorize(request);
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    // Fail closed: an authorizer that cannot decide says no, and the caller may try again later.
    throw new ProtocolError(503, "Authorization is unavailable right now. Try again in a moment.");
  }
  if (!principal) throw new ProtocolError(401, "Sign in to use Tracy.");
  return principal;
}

/** The caller, with `X-Tenant-Id` checked against the tenants the authorizer allows. */
export async function resolveCaller(authorize: Authorize, request: Request): Promise<Caller> {
  const principal = await authenticate(authorize, request);
  const tenant = request.headers.get("x-tenant-id")?.trim();
  if (!tenant) throw invalidRequest("The X-Tenant-Id header is required.");
  checkId(tenant, "X-Tenant-Id");
  if (!allowsTenant(principal, tenant)) throw new ProtocolError(403, `You have no access to tenant ${tenant}.`);
  const trace = request.headers.get("x-trace-id")?.trim() || null;
  return { principal, tenantId: tenant, traceId: trace === null ? null : checkId(trace, "X-Trace-Id") };
}
