import type { EngineBrowser, EnginePage } from "../engines/page-driver";

/**
 * Elements model or tool content must never produce. Forms and inputs only as the panel's own controls: the composer,
 * the approval's reason, a reply's feedback comment, and the disabled checkbox the panel draws for a GFM task item.
 */
export const FORBIDDEN =
  "script, iframe, frame, frameset, object, embed, applet, meta, base, style, link, noscript, template, portal, " +
  "foreignObject, use, animate, set, video, audio, source, track, picture, area, map, math, select, " +
  "form:not(.tracy-composer):not(.tracy-approval-actions):not(.tracy-feedback-form), " +
  "input:not(.tracy-approval-reason):not(.tracy-md-task[type=checkbox][disabled]), " +
  "textarea:not(.tracy-input):not(.tracy-feedback-comment)";

/**
 * The first script of the fixture page (the fixture server puts it at the top of `<head>`, same-origin, so the
 * strict CSP allows it and every engine runs it before any page script): records CSP violations, page errors,
 * dialogs, popups, long tasks, every resource the page requested, and any forbidden element, `on*` attribute or
 * non-http(s) link that ever appears in the panel, even for one frame while streaming.
 */
export const PROBE_SCRIPT = `
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__cspViolations.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + (e.sample ? " sample " + e.sample : ""));
  }, true);
  // Classic WebDriver has no page-error events: this list is what the WebKit driver reads.
  window.__engineErrors = [];
  window.addEventListener("error", (e) => window.__engineErrors.push(e.message));
  window.addEventListener("unhandledrejection", (e) => window.__engineErrors.push(String(e.reason && e.reason.message || e.reason)));
  // Dialogs and popups are recorded, not opened: the same in every engine, and nothing blocks the page.
  window.__dialogs = [];
  for (const type of ["alert", "confirm", "prompt", "print"]) {
    window[type] = (message) => { window.__dialogs.push(type + ": " + String(message ?? "")); return type === "confirm" ? false : null; };
  }
  window.__popups = [];
  window.open = (url) => { window.__popups.push(String(url)); return null; };
  // The request log, without any engine's network events: resource timing, plus the elements whose load failed
  // (WebKit leaves failed loads out of resource timing).
  performance.setResourceTimingBufferSize(1000000);
  window.__failedLoads = [];
  window.addEventListener("error", (e) => {
    const url = e.target instanceof Element && (e.target.currentSrc || e.target.src || e.target.href);
    if (url) window.__failedLoads.push(String(url));
  }, true);
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
      .observe({ type: "longtask", buffered: true });
  } catch {}
  window.__transientDom = [];
  const forbidden = ${JSON.stringify(FORBIDDEN)};
  const check = (el) => {
    if (!el.closest(".tracy-panel")) return;
    const name = el.tagName.toLowerCase();
    if (el.matches(forbidden)) window.__transientDom.push("element <" + name + ">");
    for (const a of el.attributes) if (/^on/i.test(a.name)) window.__transientDom.push("<" + name + " " + a.name + ">");
    if (el instanceof HTMLImageElement && !/^data:image\\/(png|jpeg|gif|webp);/.test(el.getAttribute("src") || "")) {
      window.__transientDom.push("image " + el.getAttribute("src").slice(0, 80));
    }
    // An unparsable href (protocol ":"), e.g. a half-streamed autolink, goes nowhere: judge it by its text.
    const href = el instanceof HTMLAnchorElement ? el.getAttribute("href") : null;
    const scheme = href === null ? null : el.protocol !== ":" ? el.protocol : (/^[a-z][\\w+.-]*:/i.exec(href) || [":"])[0];
    if (scheme !== null && !/^(https?|mailto):$/i.test(scheme)) window.__transientDom.push("link to " + scheme + " " + href.slice(0, 60));
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === "attributes") check(r.target);
      else for (const n of r.addedNodes) if (n instanceof Element) { check(n); for (const el of n.querySelectorAll("*")) check(el); }
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["href", "src", "style", "action"] });
`;

/** Everything a page did that a payload could have caused. All lists must stay empty. */
export interface Evidence {
  dialogs: string[];
  pageErrors: string[];
  navigations: string[];
  popups: string[];
  offOriginRequests: string[];
  cspViolations: string[];
  pwned: string[];
  /** Seen by the MutationObserver at any time, even if gone by now (frames included). */
  transientDom: string[];
}

export interface ProbedPage {
  page: EnginePage;
  /** Every URL the page requested, failed ones included. */
  requests(): Promise<string[]>;
  evidence(): Promise<Evidence>;
  longTasks(): Promise<number[]>;
}

/** Opens `url` (a fixture page, which carries the probe script) and reads what its detectors saw. */
export async function openProbedPage(browser: EngineBrowser, url: string, origin: string): Promise<ProbedPage> {
  const page = await browser.newPage({ width: 1280, height: 900 });
  await page.goto(url);
  const loaded = await page.evaluate(() => location.href);
  const requests = () =>
    page.evaluate(() => [
      ...new Set([
        ...performance.getEntriesByType("resource").map((e) => e.name),
        ...(((window as unknown as Record<string, unknown>).__failedLoads as string[] | undefined) ?? []),
      ]),
    ]);

  return {
    page,
    requests,
    async evidence() {
      const inPage = await page.evaluate(() => {
        const w = window as unknown as Record<string, unknown>;
        const proto = Object.prototype as Record<string, unknown>;
        const pwned: string[] = [];
        if (w.__pwned !== undefined) pwned.push(`window.__pwned is ${String(w.__pwned)}`);
        for (const key of ["polluted", "isAdmin"]) if (key in proto) pwned.push(`Object.prototype.${key} is set`);
        const seen = (key: string) => (w[key] as string[] | undefined) ?? [`${key} detector missing`];
        return {
          href: location.href,
          csp: seen("__cspViolations"),
          dialogs: seen("__dialogs"),
          popups: seen("__popups"),
          transientDom: [...new Set(seen("__transientDom"))],
          pwned,
        };
      });
      const allowed = (u: string) => u.startsWith(`${origin}/`) || /^data:image\/(png|jpeg|gif|webp);/.test(u);
      return {
        dialogs: inPage.dialogs,
        pageErrors: await page.errors(),
        navigations: inPage.href === loaded ? [] : [`now at ${inPage.href}`],
        popups: inPage.popups,
        offOriginRequests: (await requests()).filter((u) => !allowed(u)),
        cspViolations: inPage.csp,
        pwned: inPage.pwned,
        transientDom: inPage.transientDom,
      };
    },
    longTasks: () =>
      page.evaluate(() => ((window as unknown as Record<string, unknown>).__longTasks as number[] | undefined) ?? []),
  };
}

export const EMPTY_EVIDENCE: Evidence = {
  dialogs: [],
  pageErrors: [],
  navigations: [],
  popups: [],
  offOriginRequests: [],
  cspViolations: [],
  pwned: [],
  transientDom: [],
};

/** What the panel's DOM holds now that content must never produce. Runs in the page; one line per problem. */
export function auditPanelDom(forbidden: string): string[] {
  const problems: string[] = [];
  const panel = document.querySelector(".tracy-panel");
  if (!panel) return ["no .tracy-panel in the page"];
  const describe = (el: Element) => `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") ?? ""}">`;

  for (const el of panel.querySelectorAll(forbidden)) problems.push(`forbidden element ${describe(el)}`);
  for (const el of document.querySelectorAll("base, meta[http-equiv], iframe, script:not([src])")) {
    problems.push(`document holds ${describe(el)}`);
  }

  const dangerousAttr = /^(on|srcdoc$|formaction$|action$|xlink:href$|srcset$|background$|poster$|ping$|http-equiv$)/i;
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (dangerousAttr.test(attr.name)) problems.push(`${describe(el)} has ${attr.name}="${attr.value.slice(0, 80)}"`);
    }
  }
  for (const el of panel.querySelectorAll("[style]")) {
    const style = el.getAttribute("style") ?? "";
    if (/url\(|@import|expression\(|attacker/i.test(style))
      problems.push(`${describe(el)} has style="${style.slice(0, 80)}"`);
  }
  for (const el of panel.querySelectorAll("[href]")) {
    if (!(el instanceof HTMLAnchorElement)) problems.push(`${describe(el)} has an href`);
  }
  for (const a of panel.querySelectorAll("a")) {
    const href = a.getAttribute("href");
    if (href === null) problems.push(`link without href: ${a.textContent?.slice(0, 60)}`);
    else if (!/^(https?|mailto):$/i.test(a.protocol !== ":" ? a.protocol : (/^[a-z][\w+.-]*:/i.exec(href)?.[0] ?? ":")))
      problems.push(`link to ${a.protocol} (${href.slice(0, 80)})`); // an unparsable href goes nowhere: judged by its text
    if (!a.relList.contains("noopener") || !a.relList.contains("noreferrer"))
      problems.push(`link rel="${a.rel}" (${(href ?? "").slice(0, 60)})`);
  }
  for (const img of panel.querySelectorAll("img")) {
    const src = img.getAttribute("src") ?? "";
    if (!/^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+={0,2}$/.test(src))
      problems.push(`image loads ${src.slice(0, 80)}`);
  }
  for (const entry of performance.getEntriesByType("resource")) {
    if (!entry.name.startsWith(location.origin)) problems.push(`resource loaded from ${entry.name.slice(0, 80)}`);
  }
  return problems;
}

/**
 * Opens everything the transcript folds away (tool cards, sections, threads, cells, truncated
 * output) and shows every result view, so every payload reaches the DOM. Runs in the page.
 */
export async function expandEverything(): Promise<number> {
  const frame = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const log = document.querySelector(".tracy-transcript");
  if (!log) return 0;
  let clicked = 0;
  // The transcript is windowed: mount every item first.
  for (let round = 0; round < 200; round++) {
    const earlier = log.querySelector<HTMLButtonElement>(".tracy-show-earlier");
    if (!earlier) break;
    earlier.click();
    clicked += 1;
    await frame();
  }
  for (let round = 0; round < 8; round++) {
    const buttons = log.querySelectorAll<HTMLButtonElement>(
      'button[aria-expanded="false"], .tracy-truncated-note button, .tracy-result-more button',
    );
    if (buttons.length === 0) break;
    for (const b of buttons) b.click();
    clicked += buttons.length;
    await frame();
  }
  // Every card's alternative views (graph, raw JSON, then back to the table): each in one round across all cards,
  // so the page lays out once per view rather than once per card. Some views are lazy chunks, busy until loaded:
  // each round waits for them, so that every view renders before the next replaces it.
  const loaded = async () => {
    const deadline = Date.now() + 30_000;
    while (log.querySelector('.tracy-cypher-result [aria-busy="true"]') && Date.now() < deadline) await frame();
  };
  const groups = [...log.querySelectorAll(".tracy-segmented")].map((g) => [
    ...g.querySelectorAll<HTMLButtonElement>("button"),
  ]);
  const views = Math.max(0, ...groups.map((g) => g.length));
  for (const view of [...Array(views).keys()].slice(1).concat(0)) {
    for (const group of groups) {
      const button = group[view];
      if (!button) continue;
      button.click();
      clicked += 1;
    }
    await frame();
    await loaded();
  }
  return clicked;
}
