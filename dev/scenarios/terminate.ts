import type { Scenario } from "../engine/types";

/** Ends the session for good: no idle, `session.status_terminated` instead. */
export const terminateScenario: Scenario = {
  name: "terminate",
  async run(ctx) {
    await ctx.modelRequest(() =>
      ctx.say("Closing this session as requested. Start a new conversation to ask more questions."),
    );
    await ctx.pause(300);
    ctx.terminate();
  },
};
