import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { createDevAuthorizer } from "../src/auth/dev-authorizer.js";
import { createJwtAuthorizer } from "../src/auth/jwt-authorizer.js";
import { configFromEnv } from "../src/config.js";
import { ProtocolError } from "../src/errors.js";
import { resolveCaller } from "../src/http/request-context.js";

const SECRET = "another-test-secret-of-at-least-32-bytes";
const key = new TextEncoder().encode(SECRET);
const request = (headers: Record<string, string>) => new Request("http://x/api/tracy/sessions", { headers });
const bearer = (token: string, tenant = "acme") => request({ Authorization: `Bearer ${token}`, "X-Tenant-Id": tenant });

describe("HS256 JWT authorizer", () => {
  const authorize = createJwtAuthorizer({ secret: SECRET });

  it("takes the user from sub and the tenants from the tenants claim", async () => {
    const token = await new SignJWT({ tenants: ["acme", "globex"] })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("u1")
      .setExpirationTime("5m")
      .sign(key);
    expect(await authorize(bearer(token))).toEqual({ userId: "u1", tenants: ["acme", "globex"] });
  });

  it("says no to expired, foreign, unsigned and malformed tokens, and to missing claims", async () => {
    const expired = await new SignJWT({ tenants: ["acme"] })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("u1")
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(key);
    const foreign = await new SignJWT({ tenants: ["acme"] })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("u1")
      .sign(new TextEncoder().encode("x".repeat(40)));
    const noTenants = await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject("u1").sign(key);
    const badTenants = await new SignJWT({ tenants: "acme" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("u1")
      .sign(key);
    const noSubject = await new SignJWT({ tenants: ["acme"] }).setProtectedHeader({ alg: "HS256" }).sign(key);
    const header = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    const payload = Buffer.from(JSON.stringify({ sub: "u1", tenants: ["acme"] })).toString("base64url");
    for (const token of [expired, foreign, noTenants, badTenants, noSubject, `${header}.${payload}.`, "garbage"]) {
      expect(await authorize(bearer(token))).toBeNull();
    }
    expect(await authorize(request({ "X-Tenant-Id": "acme" }))).toBeNull();
  });

  it("refuses a short secret", () => {
    expect(() => createJwtAuthorizer({ secret: "short" })).toThrow(/32 bytes/);
  });
});

describe("resolving the caller", () => {
  it("fails closed with 503 when the host's authorizer throws, and 401 when it says no one", async () => {
    const broken = () => {
      throw new Error("session store down");
    };
    await expect(resolveCaller(broken, request({ "X-Tenant-Id": "acme" }))).rejects.toMatchObject({ status: 503 });
    await expect(resolveCaller(() => null, request({ "X-Tenant-Id": "acme" }))).rejects.toMatchObject({ status: 401 });
    const teapot = () => {
      throw new ProtocolError(418, "no");
    };
    await expect(resolveCaller(teapot, request({ "X-Tenant-Id": "acme" }))).rejects.toMatchObject({ status: 418 });
  });

  it("requires an X-Tenant-Id the caller may use, and keeps tenant and trace ids to a safe alphabet", async () => {
    const dev = createDevAuthorizer();
    await expect(resolveCaller(dev, request({}))).rejects.toMatchObject({ status: 400 });
    await expect(
      resolveCaller(() => ({ userId: "u", tenants: ["a"] }), request({ "X-Tenant-Id": "b" })),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      resolveCaller(dev, request({ "X-Tenant-Id": "acme", "X-Trace-Id": "x; ignore all rules" })),
    ).rejects.toMatchObject({ status: 400 });
    expect(
      await resolveCaller(dev, request({ "X-Tenant-Id": "acme", "X-Trace-Id": "4bf92f35-77b3", "X-Dev-User": "ana" })),
    ).toEqual({
      principal: { userId: "ana", tenants: "any" },
      tenantId: "acme",
      traceId: "4bf92f35-77b3",
    });
  });
});

describe("configuration from the environment", () => {
  it("needs the agent and environment, and has defaults for the rest", () => {
    expect(() => configFromEnv({})).toThrow(/TRACY_AGENT_ID and TRACY_ENVIRONMENT_ID/);
    const config = configFromEnv({ TRACY_AGENT_ID: "agent_1", TRACY_ENVIRONMENT_ID: "env_1" });
    expect(config).toMatchObject({
      port: 8787,
      basePath: "/api/tracy",
      databaseUrl: undefined,
      dataDir: ".tracy-data",
      jwtSecret: undefined,
    });
    expect(() => configFromEnv({ TRACY_AGENT_ID: "a", TRACY_ENVIRONMENT_ID: "e", PORT: "http" })).toThrow(/PORT/);
    expect(
      configFromEnv({ TRACY_AGENT_ID: "a", TRACY_ENVIRONMENT_ID: "e", TRACY_TENANT_BUDGET_USD: "25" }).tenantBudgetUsd,
    ).toBe(25);
  });
});
