// Lint for the package and everything around it (stories, tests, the dev backend, the demo, the server).
// typescript-eslint's recommended rules, the rules of hooks, and the layer boundaries of src/ (README: layers).
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/** Imports of another layer of src/, by relative path (the layers are the folders right under src/). */
const layer = (...names) => ({
  regex: `^(\\.\\./)+(${names.join("|")})(/|$)`,
  message: "This layer must not import that one (see the layer rules in eslint.config.js).",
});
/** React and the packages that need it. */
const REACT_PACKAGES = {
  regex: "^((react|react-dom|react-markdown|remark-gfm)(/.*)?|zustand(/(react|shallow|traditional).*)?)$",
  message: "The framework-free layers must not import React or React bindings (zustand/vanilla is fine).",
};

export default defineConfig(
  globalIgnores([
    "**/dist/",
    "**/node_modules/",
    "storybook-static/",
    "coverage/",
    "bench-results/",
    "test-results/",
    "temp/",
    ".tracy-data/",
    // Generated from the published Cypher grammar (server/scripts/generate-cypher-parser.mjs).
    "server/src/cypher/parser/generated/",
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.browser, ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      // `typeof import("…")` stays allowed: tests type the modules they import lazily with it.
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { fixStyle: "inline-type-imports", disallowTypeAnnotations: false },
      ],
    },
  },
  {
    files: ["**/*.{ts,tsx,js,jsx,mjs}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  // Layer boundaries, as the code stands: protocol ← transport ← store ← react ← components.
  {
    files: ["src/protocol/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [layer("transport", "store", "react", "components", "markdown"), REACT_PACKAGES] },
      ],
    },
  },
  {
    files: ["src/transport/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [layer("store", "react", "components", "markdown"), REACT_PACKAGES] },
      ],
    },
  },
  {
    files: ["src/store/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [layer("react", "components", "markdown"), REACT_PACKAGES] }],
    },
  },
  {
    files: ["src/markdown/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [layer("transport", "store", "react", "components")] }],
    },
  },
  {
    files: ["src/react/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [layer("components", "markdown")] }] },
  },
  {
    // The `./core` entry is framework-free.
    files: ["src/core.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^\\./(react|components|markdown)(/|$)", message: "./core must not import React layers." },
            REACT_PACKAGES,
          ],
        },
      ],
    },
  },
);
