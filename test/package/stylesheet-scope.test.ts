// @vitest-environment node
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import postcss, { type AtRule, type Rule } from "postcss";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT } from "./ensure-build";

/**
 * dist/styles.css styles nothing outside the panel: every selector starts at the panel's root class (or is an
 * ancestor-then-root theme hook like `.tracy-theme-dark .tracy-panel`), and it declares no global at-rules.
 * Parsed with PostCSS, so commas inside `:where(…)` or strings do not split selectors.
 */
let sheet: postcss.Root;

beforeAll(() => {
  ensureBuilt();
  sheet = postcss.parse(readFileSync(resolve(ROOT, "dist/styles.css"), "utf8"), { from: "dist/styles.css" });
});

/** Splits a selector list on its top-level commas. */
function selectorsOf(rule: Rule): string[] {
  return rule.selectors.map((s) => s.trim());
}

const inKeyframes = (rule: Rule) => rule.parent?.type === "atrule" && /keyframes$/i.test((rule.parent as AtRule).name);

/** Starts at the panel root: `.tracy-panel` as the whole first compound, or followed by more of that compound. */
const SCOPED = /^\.tracy-panel(?![\w-])/;
/** Styles the root itself from a host-side hook (a class on an ancestor). */
const ROOT_HOOK = /^\.[\w-]+ \.tracy-panel(\[[^\]]+\])?$/;

describe("dist/styles.css", () => {
  it("scopes every selector under .tracy-panel", () => {
    const unscoped: string[] = [];
    let count = 0;
    sheet.walkRules((rule) => {
      if (inKeyframes(rule)) return;
      for (const selector of selectorsOf(rule)) {
        count++;
        if (!SCOPED.test(selector) && !ROOT_HOOK.test(selector)) unscoped.push(selector);
      }
    });
    expect(count).toBeGreaterThan(200);
    expect(unscoped).toEqual([]);
  });

  it("raises every rule for the panel's inner elements above the host-CSS revert, and puts that revert first", () => {
    // The revert is (0,2,0) and comes first: a later inner rule needs `.tracy-panel` plus at least one more class,
    // attribute or pseudo-class to win over it (a bare `.tracy-panel X` element rule would lose).
    const order: string[] = [];
    const weak: string[] = [];
    sheet.walkRules((rule) => {
      if (inKeyframes(rule)) return;
      for (const selector of selectorsOf(rule)) {
        if (selector.includes(":where(:not(svg")) order.push("revert");
        const inner = selector.replace(/^\.tracy-panel(\[[^\]]+\])?/, "");
        if (!inner.trim() || !inner.startsWith(" ")) continue; // the root itself
        order.push("inner");
        const rest = inner.replace(/:where\([^)]*(\([^)]*\))*[^)]*\)/g, "");
        if (!/[.[:]/.test(rest)) weak.push(selector);
      }
    });
    expect(order.indexOf("revert")).toBeGreaterThanOrEqual(0);
    expect(order.indexOf("revert")).toBeLessThan(order.indexOf("inner"));
    // `.tracy-panel *` (box-sizing, also set by the revert) and reduced-motion's !important rules may stay weak.
    expect(weak.filter((s) => !/^\.tracy-panel \*(::?(before|after))?$/.test(s))).toEqual([]);
  });

  it("declares no global at-rules (fonts, imports, page, properties), and only tracy- keyframes", () => {
    const found: string[] = [];
    sheet.walkAtRules((rule) => {
      if (/keyframes$/i.test(rule.name)) {
        if (!rule.params.startsWith("tracy-")) found.push(`@${rule.name} ${rule.params}`);
      } else if (!["media", "supports", "container"].includes(rule.name)) {
        found.push(`@${rule.name} ${rule.params}`);
      }
    });
    expect(found).toEqual([]);
  });
});
