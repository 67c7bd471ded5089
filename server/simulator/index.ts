export { ManagedAgentsSimulator, type SimulatorOptions } from "./sim-server.js";
export type { SimCall, SimEvent, SimOperation, InjectedFailure } from "./sim-types.js";
