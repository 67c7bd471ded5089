// Makes tsc's declarations resolvable under node16/nodenext: explicit .js extensions on relative
// imports, and no CSS imports (the JS build never imports CSS; hosts import styles.css themselves).
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const root = resolve(process.argv[2] ?? "dist/types");
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])(\.{1,2}\/[^"']*)\2/g;

function withExtension(fromFile, spec) {
  if (/\.(js|mjs|cjs|json)$/.test(spec)) return spec;
  const base = resolve(dirname(fromFile), spec);
  if (existsSync(`${base}.d.ts`)) return `${spec}.js`;
  if (existsSync(join(base, "index.d.ts"))) return `${spec}/index.js`;
  throw new Error(`${fromFile}: cannot resolve ${spec}`);
}

function* declarations(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* declarations(path);
    else if (name.endsWith(".d.ts")) yield path;
  }
}

for (const file of declarations(root)) {
  const before = readFileSync(file, "utf8");
  const after = before
    .replace(/^import\s+["'][^"']+\.css["'];?\s*\n/gm, "")
    .replace(SPECIFIER, (_, lead, q, spec) => `${lead}${q}${withExtension(file, spec)}${q}`);
  if (after !== before) writeFileSync(file, after);
}
