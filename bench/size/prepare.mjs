// `npm run size` step 2 (after `npm run build`): writes the minified files that .size-limit.json
// measures (gzip) into bench-results/size/ (git-ignored):
//   index.min.js      dist/index.js, the package's own code, minified (its imports stay external)
//   with-deps.min.js  the main entry with every non-React dependency bundled in, minified
// Vite's lib build does not minify an ES library, so both are minified here with esbuild (which
// ships with Vite), the same way.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { transform } from "esbuild";
import { build } from "vite";

const root = resolve(import.meta.dirname, "../..");
const dist = join(root, "dist/index.js");
const out = join(root, "bench-results/size");
if (!existsSync(dist)) {
  console.error("dist/index.js is missing: run `npm run build` first (`npm run size` does).");
  process.exit(1);
}
mkdirSync(out, { recursive: true });

async function minify(code) {
  const result = await transform(code, { minify: true, format: "esm", target: "es2022", legalComments: "none" });
  return result.code;
}

// (a) The package's own code.
writeFileSync(join(out, "index.min.js"), await minify(readFileSync(dist, "utf8")));

// (b) What an app adds to its bundle for `import … from "@clawtrace/tracy-panel"`, React aside.
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
      rollupOptions: { external: (id) => REACT.test(id) },
    },
  });
  writeFileSync(join(out, "with-deps.min.js"), await minify(readFileSync(join(tmp, "out/bundle.js"), "utf8")));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log("wrote bench-results/size/index.min.js and with-deps.min.js");
