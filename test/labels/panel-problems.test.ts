import { describe, expect, it } from "vitest";
import { ar, de, en } from "../../src";
import { TracyHttpError } from "../../src/core";
import { createFormat } from "../../src/labels/format";
import { panelErrorText } from "../../src/labels/panel-error-text";
import { AnswerUnsentError } from "../../src/store/client-tools";
import { describeError } from "../../src/store/describe-error";
import { STREAM_ENDED } from "../../src/transport/errors";

const deFormat = createFormat("de-DE");

describe("failures the panel finds itself", () => {
  it("reach the banner as codes, worded in the panel's language", () => {
    const notJson = describeError(
      new TracyHttpError(200, "English for logs", null, null, { code: "not-json" }),
      "send",
    );
    expect(notJson.problem).toEqual({ code: "not-json" });
    expect(panelErrorText(de, deFormat, notJson).detail).toBe(de.problemNotJson);
    expect(panelErrorText(en, createFormat("en-US"), notJson).detail).toBe(
      "The Tracy backend sent a response that is not JSON.",
    );

    const html = new TracyHttpError(200, "English", null, null, { code: "not-event-stream", contentType: "text/html" });
    expect(panelErrorText(ar, createFormat("ar"), describeError(html, "connect")).detail).toBe(
      ar.problemNotEventStream("text/html"),
    );

    const noId = new TracyHttpError(200, "English", null, null, { code: "no-session-id" });
    expect(panelErrorText(de, deFormat, describeError(noId, "send")).detail).toBe(de.problemNoSessionId);
  });

  it("word how many times the stream ended with the locale's numbers and plurals", () => {
    const ended = new TracyHttpError(200, "English", STREAM_ENDED, null, { code: "stream-ended", times: 3 });
    const error = describeError(ended, "connect");
    expect(error.kind).toBe("stream-ended");
    expect(panelErrorText(de, deFormat, error).detail).toContain("3-mal hintereinander");
    expect(panelErrorText(en, createFormat("en-US"), error).detail).toContain(
      "The event stream ended as soon as it opened, 3 times in a row.",
    );
    const arFormat = createFormat("ar");
    expect(panelErrorText(ar, arFormat, error).detail).toContain(`${arFormat.number(3)} مرات`);
  });

  it("word a client tool's unsent answer, and keep a backend's own message as it came", () => {
    const unsent = describeError(new AnswerUnsentError(), "tool-result", "zqtool");
    expect(unsent).toMatchObject({ kind: "failed", problem: { code: "answer-unsent" } });
    expect(panelErrorText(de, deFormat, unsent).detail).toBe(de.problemAnswerUnsent);

    const backend = describeError(new TracyHttpError(400, "zq backend words"), "send");
    expect(backend.problem).toBeUndefined();
    expect(panelErrorText(de, deFormat, backend).detail).toBe("zq backend words");
  });
});

describe("error types without a message", () => {
  it("are worded by the labels", () => {
    expect(en.sessionErrorType("mcp_connection_failed_error")).toBe("Mcp connection failed.");
    expect(de.sessionErrorType("mcp_connection_failed_error")).toContain("mcp_connection_failed_error");
  });
});
