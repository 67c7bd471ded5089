export { ManagedAgentsSimulator, type SimulatorOptions } from "./sim-server.js";
export type { SimCall, SimEvent, SimOperation, InjectedFailure } from "./sim-types.js";
export type { SimAgent, SimTurn } from "./sim-routes.js";
export { SimSession, TurnCancelled, type SessionStatus, type SimStream } from "./sim-session.js";
export { opaqueId } from "./ids.js";
