import type { Browser, Page } from "playwright-core";

/** Elements model or tool content must never produce. Forms and inputs only as the panel's own controls. */
export const FORBIDDEN =
  "script, iframe, frame, frameset, object, embed, applet, meta, base, style, link, noscript, template, portal, " +
  "foreignObject, use, animate, set, video, audio, source, track, picture, area, map, math, select, " +
  "form:not(.tracy-composer):not(.tracy-approval-actions), input:not(.tracy-approval-reason), textarea:not(.tracy-input)";

/**
 * Runs before any page script: records CSP violations, long tasks, and any forbidden element,
 * `on*` attribute or non-http(s) link that ever appears in the panel, even for one frame while
 * streaming. A string, not a function, so the test transform can't add helpers the page lacks.
 */
const INIT_SCRIPT = `
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__cspViolations.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + (e.sample ? " sample " + e.sample : ""));
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
  frames: string[];
  offOriginRequests: string[];
  cspViolations: string[];
  cspConsole: string[];
  pwned: string[];
  /** Seen by the MutationObserver at any time, even if gone by now. */
  transientDom: string[];
}

export interface ProbedPage {
  page: Page;
  /** Every URL the page requested. */
  requests: string[];
  evidence(): Promise<Evidence>;
  longTasks(): Promise<number[]>;
}

/**
 * Opens `url` with every detector attached. Requests off `origin` are recorded, then aborted,
 * so nothing leaves the machine even without the CSP.
 */
export async function openProbedPage(browser: Browser, url: string, origin: string): Promise<ProbedPage> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const requests: string[] = [];
  const ev: Omit<Evidence, "cspViolations" | "pwned" | "offOriginRequests" | "transientDom"> = {
    dialogs: [],
    pageErrors: [],
    navigations: [],
    popups: [],
    frames: [],
    cspConsole: [],
  };
  await page.addInitScript({ content: INIT_SCRIPT });
  page.on("request", (r) => requests.push(r.url()));
  await page.route(
    (u) => u.origin !== origin,
    (route) => route.abort("blockedbyclient"),
  );
  page.on("dialog", (d) => {
    ev.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on("pageerror", (e) => ev.pageErrors.push(e.message));
  page.on("popup", (p) => ev.popups.push(p.url()));
  page.on("frameattached", (f) => ev.frames.push(f.url()));
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) ev.cspConsole.push(m.text());
  });
  await page.goto(url);
  const loaded = page.url();
  page.on("framenavigated", (f) => {
    if (f === page.mainFrame()) ev.navigations.push(f.url());
  });

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
        return { csp: seen("__cspViolations"), transientDom: [...new Set(seen("__transientDom"))], pwned };
      });
      const navigations = page.url() === loaded ? ev.navigations : [...ev.navigations, `now at ${page.url()}`];
      const allowed = (u: string) => u.startsWith(`${origin}/`) || /^data:image\/(png|jpeg|gif|webp);/.test(u);
      return {
        ...ev,
        navigations,
        offOriginRequests: requests.filter((u) => !allowed(u)),
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
  frames: [],
  offOriginRequests: [],
  cspViolations: [],
  cspConsole: [],
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
  // Some views are lazy chunks, busy until loaded: wait for each, so that it renders before the next replaces it.
  const loaded = async () => {
    const deadline = Date.now() + 5_000;
    while (log.querySelector('.tracy-cypher-result [aria-busy="true"]') && Date.now() < deadline) await frame();
  };
  for (const group of log.querySelectorAll(".tracy-segmented")) {
    for (const b of group.querySelectorAll<HTMLButtonElement>("button")) {
      b.click();
      clicked += 1;
      await frame();
      await loaded();
    }
  }
  return clicked;
}
