import react from "@vitejs/plugin-react";
import { resolve } from "node:path";
import { createServer } from "vite";

/** The chat fixture page (the panel from src/ over an in-page backend the test drives), on a free port. */
export async function startChatPage(): Promise<{ url: string; close(): Promise<void> }> {
  const server = await createServer({
    root: resolve(import.meta.dirname, "fixture"),
    configFile: false,
    plugins: [react()],
    logLevel: "error",
    server: {
      port: 0,
      host: "127.0.0.1",
      strictPort: false,
      hmr: false,
      fs: { allow: [resolve(import.meta.dirname, "../../..")] },
    },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === "string") throw new Error("chat page has no port");
  return { url: `http://127.0.0.1:${address.port}/`, close: () => server.close() };
}
