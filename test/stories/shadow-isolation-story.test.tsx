import { composeStories, setProjectAnnotations } from "@storybook/react-vite";
import { beforeAll, expect, it } from "vitest";
import preview from "../../.storybook/preview";
import * as isolationStories from "../../stories/shadow-isolation.stories";

const annotations = setProjectAnnotations(preview);
beforeAll(annotations.beforeAll);

const { NoneAndShadow } = composeStories(isolationStories);

it("the isolation story renders both panels, one in a shadow root, and plays", async () => {
  await NoneAndShadow.run({ args: { ...NoneAndShadow.args, speed: 0 } });
  expect(document.querySelector("[data-tracy-shadow-host]")?.shadowRoot?.querySelector(".tracy-panel")).toBeTruthy();
});
