// `npm run size` step 2 (after `npm run build`): writes the minified files that .size-limit.json
// measures (gzip) into bench-results/size/ (git-ignored):
//   index.min.js        dist/index.js, the main chunk: the package's own code, minified (its imports stay external)
//   with-deps.min.js    the main chunk with every non-React dependency bundled in, minified
//   lazy-<name>.min.js  each chunk in dist/chunks/, loaded only when its part is first shown, minified
// Vite's lib build does not minify an ES library, so all are minified here with esbuild (which
// ships with Vite), the same way.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { transform } from "esbuild";
import { build } from "vite";

const root = resolve(import.meta.dirname, "../..");
const dist = join(root, "dist/index.js");
const chunks = join(root, "dist/chunks");
const out = join(root, "bench-results/size");
if (!existsSync(dist)) {
  console.error("dist/index.js is missing: run `npm run build` first (`npm run size` does).");
  process.exit(1);
}
const main = readFileSync(dist, "utf8");
// Code shared with the lazy chunks must stay in the main chunk (vite.config.ts), or index.min.js would miss it.
const staticRelative = [...main.matchAll(/^import\s[^;]*?from\s*["'](\.[^"']+)["']/gm)].map((m) => m[1]);
if (staticRelative.length > 0) {
  console.error(`dist/index.js imports ${staticRelative.join(", ")} up front: the main chunk is more than one file.`);
  process.exit(1);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

async function minify(code) {
  const result = await transform(code, { minify: true, format: "esm", target: "es2022", legalComments: "none" });
  return result.code;
}

// (a) The package's own code: the main chunk, and each lazy chunk.
writeFileSync(join(out, "index.min.js"), await minify(main));
const lazy = existsSync(chunks) ? readdirSync(chunks).filter((f) => f.endsWith(".js")) : [];
const lazyName = (file) => `lazy-${basename(file, ".js")}.min.js`;
for (const file of lazy) {
  writeFileSync(join(out, lazyName(file)), await minify(readFileSync(join(chunks, file), "utf8")));
}

// (b) What an app adds to its bundle up front for `import … from "@clawtrace/tracy-panel"`, React aside. The
// lazy chunks stay separate chunks, as in the app.
const REACT = /^(react|react-dom)(\/.*)?$/;
const tmp = mkdtempSync(join(tmpdir(), "tracy-size-"));
try {
  const entry = join(tmp, "entry.js");
  writeFileSync(entry, `export * from ${JSON.stringify(dist)};\n`);
  await build({
    configFile: false,
    logLevel: "error",
    root: tmp,
    build: {
      outDir: join(tmp, "out"),
      emptyOutDir: true,
      minify: false,
      sourcemap: false,
      reportCompressedSize: false,
      lib: { entry, formats: ["es"], fileName: () => "bundle.js" },
      rollupOptions: {
        external: (id) => REACT.test(id),
        // dist/index.js (which the lazy chunks import) stays in the entry instead of a chunk of its own.
        preserveEntrySignatures: "allow-extension",
      },
    },
  });
  writeFileSync(join(out, "with-deps.min.js"), await minify(readFileSync(join(tmp, "out/bundle.js"), "utf8")));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`wrote bench-results/size/: ${["index.min.js", "with-deps.min.js", ...lazy.map(lazyName)].join(", ")}`);
