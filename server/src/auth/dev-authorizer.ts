import type { Authorize } from "./authorizer.js";

/**
 * For local development only: every caller is `X-Dev-User` (default `dev-user`) and may use any tenant.
 * The CLI uses it when `TRACY_JWT_SECRET` is not set, and says so in its log.
 */
export function createDevAuthorizer(defaultUser = "dev-user"): Authorize {
  return (request) => {
    const user = request.headers.get("x-dev-user")?.trim();
    return { userId: user || defaultUser, tenants: "any" };
  };
}
