import { stringifyJson } from "../../protocol/exact-json";
import { textOf } from "../../protocol/fold";
import type { ToolItem, Transcript } from "../../protocol/transcript";
import type { TracyFormat } from "../../labels/format";
import type { TracyLabels } from "../../labels/tracy-labels";
import { errorText, noticeText } from "../transcript-items";
import { pendingText, toolDurationMs, toolState, withDuration } from "../tool-parts/tool-status";

/** A tool's input or result longer than this is cut in the transcript: the JSON export has it whole. */
export const EXPORT_TOOL_TEXT_LIMIT = 4_000;

/**
 * The conversation as a readable Markdown transcript: each question with the trace it was asked
 * about, each reply as written, and each tool call summarised with its input and result. What the
 * model or a tool wrote is quoted in fences, so it can't turn into the document's own structure.
 */
export function transcriptMarkdown(
  transcript: Transcript,
  sessionId: string | null,
  labels: Readonly<TracyLabels>,
  format: TracyFormat,
): string {
  const out: string[] = [];
  let title: string | null = null;
  let lastTrace: string | null | undefined;
  for (const id of transcript.order) {
    const item = transcript.items.get(id);
    if (!item) continue;
    switch (item.kind) {
      case "message":
        if (item.role === "user") {
          title ??= oneLine(item.text);
          if (item.traceId !== undefined && item.traceId !== null && item.traceId !== lastTrace)
            out.push(`_${labels.askingAboutTrace} \`${inlineCode(item.traceId)}\`_`);
          if (item.traceId !== undefined) lastTrace = item.traceId;
          out.push(`### ${labels.you}`, quote(item.text));
        } else if (item.text) {
          out.push(`### ${labels.agent}`, item.text);
        }
        break;
      case "tool":
        out.push(toolMarkdown(item, labels, format));
        break;
      case "thread_message":
        out.push(`> **${escapeInline(item.agentName ?? item.threadId)}**`, quote(item.text));
        break;
      case "error":
        out.push(`> **${labels.sessionError}** ${escapeInline(oneLine(errorText(item, labels, format)))}`);
        break;
      case "notice":
        out.push(`_${escapeInline(oneLine(noticeText(labels, item)))}_`);
        break;
      default:
        break;
    }
  }
  const head = [`# ${escapeInline(labels.exportHeading(title))}`];
  if (sessionId) head.push(labels.exportSessionLine(inlineCode(sessionId)));
  return `${[...head, ...out].join("\n\n")}\n`;
}

function toolMarkdown(tool: ToolItem, labels: Readonly<TracyLabels>, format: TracyFormat): string {
  const state = toolState(tool);
  const status =
    pendingText(tool, labels) ??
    withDuration(state === "error" ? labels.statusError : labels.statusDone, toolDurationMs(tool), labels, format);
  const name = tool.serverName ? `${tool.serverName}.${tool.name}` : tool.name;
  const parts = [`#### ${labels.exportToolCall(inlineCode(name), status)}`];
  parts.push(
    `**${labels.exportToolInput}**`,
    fence(clipped(stringifyJson(tool.input, 2) ?? "{}", labels, format), "json"),
  );
  if (tool.result) {
    const text = textOf(tool.result.content) || (stringifyJson(tool.result.content, 2) ?? "");
    parts.push(`**${labels.exportToolResult}**`, fence(clipped(text, labels, format), ""));
  }
  return parts.join("\n\n");
}

function clipped(text: string, labels: Readonly<TracyLabels>, format: TracyFormat): string {
  if (text.length <= EXPORT_TOOL_TEXT_LIMIT) return text;
  const rest = text.length - EXPORT_TOOL_TEXT_LIMIT;
  return `${text.slice(0, EXPORT_TOOL_TEXT_LIMIT)}\n${labels.exportToolResultCut(format.count(rest))}`;
}

/** A fence longer than any backtick run inside, so the text can't close it. */
function fence(text: string, info: string): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const marker = "`".repeat(longest + 1);
  return `${marker}${info}\n${text}\n${marker}`;
}

/** Every line of the user's text as a quote: what they typed stays text, never headings or lists of the document. */
function quote(text: string): string {
  return text
    .split("\n")
    .map((line) => `> ${escapeLineStart(line)}`)
    .join("\n");
}

function escapeLineStart(line: string): string {
  return line.replace(/^(\s*)([#>+\-*|=]|\d+[.)])/, "$1\\$2");
}

function escapeInline(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, "\\$1");
}

/** Text for inside single backticks: backticks and line breaks can't end the span. */
function inlineCode(text: string): string {
  return text.replace(/`/g, "'").replace(/\s+/g, " ");
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
}
