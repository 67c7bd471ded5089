import { ManagedAgentsSimulator } from "./sim-server.js";

/**
 * `npm run simulator -w server`: the Managed Agents simulator on PORT (default 4010), paced like a
 * real agent, for running `tracy-server` and the panel without an API key.
 */
const sim = new ManagedAgentsSimulator({ timing: { deltaMs: Number(process.env["SIM_DELTA_MS"] ?? 30), chunk: 6 } });
const url = await sim.start(Number(process.env["PORT"] ?? 4010));
console.log(
  `Managed Agents simulator on ${url} — try: ANTHROPIC_BASE_URL=${url} ANTHROPIC_API_KEY=sim TRACY_AGENT_ID=agent_sim TRACY_ENVIRONMENT_ID=env_sim npx tracy-server`,
);
const stop = () => void sim.stop().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
