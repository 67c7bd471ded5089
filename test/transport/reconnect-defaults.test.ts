import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { RECONNECT_DEFAULTS, backoffDelay } from "../../src/transport/backoff";

const ROOT = resolve(__dirname, "../..");
const read = (path: string) => readFileSync(resolve(ROOT, path), "utf8");
/** "15 000", as the README writes thousands. */
const spaced = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, " ");

describe("reconnect defaults", () => {
  it("cannot be changed at run time", () => {
    expect(Object.isFrozen(RECONNECT_DEFAULTS)).toBe(true);
  });

  it("are what backoffDelay uses when none are given", () => {
    const mid = () => 0.5; // no jitter
    expect(backoffDelay(1, undefined, undefined, mid)).toBe(RECONNECT_DEFAULTS.baseDelayMs);
    expect(backoffDelay(30, undefined, undefined, mid)).toBe(RECONNECT_DEFAULTS.maxDelayMs);
  });

  it("are the ones the README and TracyBackendConfig document", () => {
    const { baseDelayMs, maxDelayMs, maxAttempts } = RECONNECT_DEFAULTS;
    expect(read("README.md")).toContain(
      `\`reconnect\`: \`{ baseDelayMs = ${spaced(baseDelayMs)}, maxDelayMs = ${spaced(maxDelayMs)}, maxAttempts = ${maxAttempts} }\``,
    );
    const config = read("src/transport/backend-config.ts");
    const reconnectDoc = config.slice(config.indexOf("reconnect?: {"));
    const defaults = [...reconnectDoc.matchAll(/@default (\d+)/g)].map((m) => Number(m[1]));
    expect(defaults).toEqual([baseDelayMs, maxDelayMs, maxAttempts]);
  });
});
