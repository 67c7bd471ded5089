import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { TracyPanel } from "../../src";
import { TracyHttpError } from "../../src/core";
import { FakeTransport } from "../helpers/fake-transport";
import { en } from "../helpers/labels";

async function failSend(error: Error) {
  const transport = new FakeTransport();
  transport.sendFailures.push(error);
  const user = userEvent.setup();
  render(<TracyPanel tenantId="acme" transport={transport} />);
  await user.type(screen.getByRole("textbox", { name: en.composerLabel }), "why is checkout slow?");
  await user.keyboard("{Enter}");
  await screen.findByText(/Not sent/);
  return { transport, user };
}

describe("a message that failed to send", () => {
  it.each([
    [403, "forbidden"],
    [404, "no such session"],
    [400, "bad request"],
  ])("offers Edit but not Retry when retrying can't help (HTTP %i)", async (status, message) => {
    const { user } = await failSend(new TracyHttpError(status, message));
    expect(screen.queryByRole("button", { name: en.retry })).toBeNull();
    await user.click(screen.getByRole("button", { name: en.edit }));
    expect(screen.getByRole("textbox", { name: en.composerLabel })).toHaveValue("why is checkout slow?");
  });

  it.each([[500], [502], [0]])("offers Retry with the same key when it may work (HTTP %i)", async (status) => {
    const { user, transport } = await failSend(new TracyHttpError(status, "down"));
    await user.click(screen.getByRole("button", { name: en.retry }));
    await waitFor(() => expect(transport.sends).toHaveLength(2));
    expect(transport.sends[1]?.key).toBe(transport.sends[0]?.key);
  });
});
