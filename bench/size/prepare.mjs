// `npm run size` step 2 (after `npm run build`): writes the minified files that .size-limit.json
// measures (gzip) into bench-results/size/ (git-ignored):
//   index.min.js        dist/index.js and the dist/core.js it imports: the root entry's own code, minified (its
//                       package imports stay external)
//   with-deps.min.js    the root entry with every non-React dependency bundled in, minified
//   core.min.js         dist/core.js, the `./core` entry's own code, minified
//   core-with-deps.min.js  the `./core` entry with its dependencies bundled in, minified
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
const coreDist = join(root, "dist/core.js");
const chunks = join(root, "dist/chunks");
const out = join(root, "bench-results/size");
if (!existsSync(dist)) {
  console.error("dist/index.js is missing: run `npm run build` first (`npm run size` does).");
  process.exit(1);
}
const main = readFileSync(dist, "utf8");
const core = readFileSync(coreDist, "utf8");
// The root entry imports the code it shares with `./core` from core.js; anything else shared with the lazy chunks
// must stay in the main chunk (vite.config.ts), or index.min.js would miss it.
const staticRelative = [...main.matchAll(/^import\s[^;]*?from\s*["'](\.[^"']+)["']/gm)]
  .map((m) => m[1])
  .filter((spec) => spec !== "./core.js");
if (staticRelative.length > 0) {
  console.error(`dist/index.js imports ${staticRelative.join(", ")} up front: the main chunk is more than one file.`);
  process.exit(1);
}
if (/^import\s[^;]*?from\s*["']\./m.test(core)) {
  console.error("dist/core.js imports another file of the package up front: it should be one file.");
  process.exit(1);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

async function minify(code) {
  const result = await transform(code, { minify: true, format: "esm", target: "es2022", legalComments: "none" });
  return result.code;
}

// (a) The package's own code: the main chunk, and each lazy chunk.
writeFileSync(join(out, "index.min.js"), `${await minify(main)}\n${await minify(core)}`);
writeFileSync(join(out, "core.min.js"), await minify(core));
const lazy = existsSync(chunks) ? readdirSync(chunks).filter((f) => f.endsWith(".js")) : [];
const lazyName = (file) => `lazy-${basename(file, ".js")}.min.js`;
for (const file of lazy) {
  writeFileSync(join(out, lazyName(file)), await minify(readFileSync(join(chunks, file), "utf8")));
}

// (b) What an app adds to its bundle up front for `import … from "@clawtrace/tracy-panel"` (or `…/core`), React
// aside. The lazy chunks stay separate chunks, as in the app.
const REACT = /^(react|react-dom)(\/.*)?$/;

async function bundleWithDeps(file, name) {
  const tmp = mkdtempSync(join(tmpdir(), "tracy-size-"));
  try {
    const entry = join(tmp, "entry.js");
    writeFileSync(entry, `export * from ${JSON.stringify(file)};\n`);
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
    writeFileSync(join(out, name), await minify(readFileSync(join(tmp, "out/bundle.js"), "utf8")));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
await bundleWithDeps(dist, "with-deps.min.js");

// (c) The code-block highlighter's chunk with the packages it imports (lowlight, highlight.js grammars), which an app's
// bundler puts in that lazy chunk: what a reply's first code block loads. The package's own chunks stay external.
const highlighter = join(chunks, "code-highlight.js");
if (existsSync(highlighter)) {
  const { build: esbuild } = await import("esbuild");
  const result = await esbuild({
    entryPoints: [highlighter],
    bundle: true,
    write: false,
    format: "esm",
    target: "es2022",
    minify: true,
    legalComments: "none",
    external: ["react", "react-dom", "react/*"],
    // The package's own files (index.js, shared chunks) stay external; an `external` pattern starting with `./` would
    // match every resolved path under the repository, node_modules included.
    plugins: [
      {
        name: "own-files-external",
        setup(b) {
          b.onResolve({ filter: /^\.\.?\// }, (args) =>
            args.kind === "entry-point" ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  writeFileSync(join(out, "lazy-code-highlight-with-deps.min.js"), result.outputFiles[0].text);
}
await bundleWithDeps(coreDist, "core-with-deps.min.js");
const written = ["index.min.js", "with-deps.min.js", "core.min.js", "core-with-deps.min.js", ...lazy.map(lazyName)];
if (existsSync(highlighter)) written.push("lazy-code-highlight-with-deps.min.js");
console.log(`wrote bench-results/size/: ${written.join(", ")}`);
