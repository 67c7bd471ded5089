import { createRng, int, pick } from "./rng";

/**
 * A deterministic agent reply of about `targetChars` characters, shaped like Tracy's answers:
 * headings, paragraphs with bold / inline code / links, bullet and numbered lists, three fenced
 * code blocks (cypher, json, ts) and two GFM tables by default. Code blocks and tables grow with the
 * reply (each about 5% of it), so replies of different sizes have the same mix of content.
 */
export function generateReply(
  targetChars: number,
  seed = 7,
  { codeBlocks = 3, tables = 2 }: { codeBlocks?: number; tables?: number } = {},
): string {
  const rng = createRng(seed);
  const parts: string[] = [];
  let size = 0;
  const push = (block: string) => {
    parts.push(block);
    size += block.length + 2;
  };
  const langs = (["cypher", "json", "ts"] as const).slice(0, codeBlocks);
  const special: { at: number; make: () => string }[] = [
    ...langs.map((lang, i) => ({ at: (0.18 + 0.32 * i) % 1, make: () => codeBlock(rng, lang, targetChars * 0.05) })),
    ...Array.from({ length: tables }, (_, i) => ({ at: 0.34 + 0.32 * i, make: () => table(rng, targetChars * 0.05) })),
  ].sort((a, b) => a.at - b.at);

  push(`# Why trace \`${hex(rng, 32)}\` is slow`);
  push(paragraph(rng, 3));
  let section = 1;
  while (size < targetChars) {
    const next = special[0];
    if (next && size >= next.at * targetChars) {
      special.shift();
      push(next.make());
      continue;
    }
    push(`## ${section}. ${pick(rng, HEADINGS)} in \`${pick(rng, SERVICES)}\``);
    push(paragraph(rng, int(rng, 2, 4)));
    push(bulletList(rng, int(rng, 3, 6)));
    if (section % 3 === 0) {
      push(`### ${pick(rng, HEADINGS)}`);
      push(numberedList(rng, int(rng, 3, 5)));
    }
    push(paragraph(rng, int(rng, 1, 3)));
    section += 1;
  }
  // Whatever was not placed yet (tiny targets) still appears, so every reply has 3 code blocks and 2 tables.
  for (const rest of special) push(rest.make());
  return parts.join("\n\n");
}

/** Splits text into chunks of 12–28 characters (20 on average), cut anywhere, like model tokens. */
export function chunkText(text: string, seed = 11): string[] {
  const rng = createRng(seed);
  const chunks: string[] = [];
  for (let i = 0; i < text.length;) {
    const n = int(rng, 12, 28);
    chunks.push(text.slice(i, i + n));
    i += n;
  }
  return chunks;
}

const SERVICES = [
  "checkout-api",
  "payments-svc",
  "payments-db",
  "fraud-check",
  "inventory-svc",
  "cart-cache",
  "shipping-svc",
  "auth-gateway",
] as const;
const HEADINGS = [
  "Where the time goes",
  "Error budget",
  "Retries and timeouts",
  "Slow queries",
  "Fan-out",
  "Cache behaviour",
  "Connection pool",
  "What changed",
] as const;
const WORDS = (
  "the request spent most of its time waiting on a downstream call while the pool was saturated and " +
  "retries amplified the load so latency grew under contention across every replica in the region " +
  "because the index was missing and each span repeated the same lookup"
).split(" ");

function hex(rng: () => number, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += "0123456789abcdef"[int(rng, 0, 15)];
  return s;
}

function sentence(rng: () => number): string {
  const words: string[] = [];
  const n = int(rng, 8, 18);
  for (let i = 0; i < n; i++) {
    const w = pick(rng, WORDS);
    const r = rng();
    if (r < 0.06) words.push(`**${w}**`);
    else if (r < 0.1) words.push(`\`${pick(rng, SERVICES)}\``);
    else if (r < 0.12) words.push(`[span ${hex(rng, 8)}](https://clawtrace.example/traces/${hex(rng, 16)})`);
    else if (r < 0.14) words.push(`_${w}_`);
    else words.push(w);
  }
  const s = words.join(" ");
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}

function paragraph(rng: () => number, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(rng)).join(" ");
}

function bulletList(rng: () => number, items: number): string {
  return Array.from({ length: items }, () => `- **${pick(rng, SERVICES)}**: ${sentence(rng)}`).join("\n");
}

function numberedList(rng: () => number, items: number): string {
  return Array.from({ length: items }, (_, i) => `${i + 1}. ${sentence(rng)}`).join("\n");
}

function codeBlock(rng: () => number, lang: "cypher" | "json" | "ts", chars: number): string {
  const lines: string[] = [];
  let size = 0;
  let i = 0;
  while (size < chars) {
    const line =
      lang === "cypher"
        ? `MATCH (s:Span {tenant_id: $tenant, service: '${pick(rng, SERVICES)}'})-[:CHILD_OF*0..${int(rng, 1, 4)}]->(r:Span) WHERE s.duration_ms > ${int(rng, 10, 900)} RETURN s.name, r.trace_id LIMIT ${int(rng, 5, 50)}`
        : lang === "json"
          ? `  { "span_id": "${hex(rng, 16)}", "service": "${pick(rng, SERVICES)}", "duration_ms": ${int(rng, 1, 4000)}, "status": "${rng() < 0.1 ? "ERROR" : "OK"}" },`
          : `const p${i} = await tracer.startActiveSpan("${pick(rng, SERVICES)}.call_${i}", (span) => fetchWithRetry(span, { timeoutMs: ${int(rng, 100, 5000)} }));`;
    lines.push(line);
    size += line.length + 1;
    i += 1;
  }
  const body = lang === "json" ? ["[", ...lines, "]"] : lines;
  return ["```" + lang, ...body, "```"].join("\n");
}

function table(rng: () => number, chars: number): string {
  const rows = ["| Service | Operation | p50 ms | p95 ms | Errors |", "| --- | --- | ---: | ---: | ---: |"];
  let size = 0;
  while (size < chars) {
    const row = `| \`${pick(rng, SERVICES)}\` | ${pick(rng, HEADINGS).toLowerCase()} | ${int(rng, 1, 400)} | ${int(rng, 400, 4000)} | ${int(rng, 0, 99)} |`;
    rows.push(row);
    size += row.length + 1;
  }
  return rows.join("\n");
}
