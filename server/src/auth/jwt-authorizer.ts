import { errors, jwtVerify } from "jose";
import type { Authorize } from "./authorizer.js";

export interface JwtAuthorizerOptions {
  /** The shared HS256 secret (at least 32 bytes). */
  secret: string | Uint8Array;
  /** Required `iss`, when set. */
  issuer?: string;
  /** Required `aud`, when set. */
  audience?: string;
  /**
   * The claim listing the tenant ids the user may act in.
   * @default "tenants"
   */
  tenantsClaim?: string;
}

/** `Authorization: Bearer <HS256 JWT>` with `sub` = user id and `tenants` = allowed tenant ids. */
export function createJwtAuthorizer(options: JwtAuthorizerOptions): Authorize {
  const key = typeof options.secret === "string" ? new TextEncoder().encode(options.secret) : options.secret;
  if (key.byteLength < 32) throw new Error("The JWT secret must be at least 32 bytes long.");
  const claim = options.tenantsClaim ?? "tenants";
  return async (request) => {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "");
    if (!match?.[1]) return null;
    try {
      const { payload } = await jwtVerify(match[1], key, {
        algorithms: ["HS256"],
        ...(options.issuer !== undefined ? { issuer: options.issuer } : {}),
        ...(options.audience !== undefined ? { audience: options.audience } : {}),
      });
      const tenants = payload[claim];
      if (typeof payload.sub !== "string" || payload.sub === "") return null;
      if (!Array.isArray(tenants) || !tenants.every((t): t is string => typeof t === "string")) return null;
      return { userId: payload.sub, tenants };
    } catch (error) {
      if (error instanceof errors.JOSEError) return null;
      throw error;
    }
  };
}
