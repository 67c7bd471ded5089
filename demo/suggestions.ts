/**
 * The questions the demo's empty panel suggests. Each one's words pick a scenario (dev/scenarios/index.ts);
 * README's Quick start lists them with the scenario they play, and a test holds the three together.
 */
export const SUGGESTIONS: readonly string[] = [
  "Why is checkout slow in this trace?",
  "Give me a markdown summary of this trace",
  "Show the span tree as a graph",
  "Which schema should my queries use?",
  "What is the current trace I'm looking at?",
  "Delete the saved query checkout-latency-debug (needs approval)",
  "Find the multi-hop path that timed out",
  "Simulate an error and recover",
  "Simulate a fatal query error",
  "Delegate the payment path to a sub-agent",
  "Scan everything until the budget runs out",
];
