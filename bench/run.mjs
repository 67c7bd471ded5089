// `npm run bench [-- --quick --reps=N --only=stream,mount,cypher,fold …]` (options: bench/README.md)
// Node 20 cannot run TypeScript, so the bench (bench/main.ts) is loaded through Vite's module runner.
import { runnerImport } from "vite";

// The bench page must use React's production build. Vite's module runner sets NODE_ENV to
// "development" when it is unset, and a later build() would then bundle React's dev build.
process.env.NODE_ENV = "production";

const entry = new URL("./main.ts", import.meta.url).pathname;
const { module } = await runnerImport(entry);
try {
  await module.main(process.argv.slice(2));
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}
