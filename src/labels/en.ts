import type { PanelAction } from "../store/describe-error";
import type { Count } from "./format";
import type { TracyLabels } from "./tracy-labels";

const ACTIONS: Record<PanelAction, string> = {
  send: "send your message",
  connect: "connect to Tracy",
  load: "load the conversation",
  stop: "stop Tracy",
  confirm: "send your answer",
  "tool-result": "send the result",
};

/** `1 row`, `2 rows`: the count and the noun its plural category takes. */
const counted = (c: Count, one: string, other: string) => `${c.n} ${c.plural === "one" ? one : other}`;

/** The panel's words in English: the default of every `TracyPanel`. */
export const en: Readonly<TracyLabels> = Object.freeze<TracyLabels>({
  panel: "Tracy assistant",
  title: "Tracy",
  placeholder: "Ask Tracy about this trace…",
  emptyIntro: "Ask Tracy why a trace is slow, which service failed, or what changed.",
  emptyDetail: "Tracy runs Cypher queries on your telemetry and shows each one it runs.",
  panelFailed: "Tracy couldn’t display this conversation. Nothing was lost.",
  tryAgain: "Try again",
  newConversation: "New conversation",

  phaseLoading: "Loading conversation…",
  phaseEnded: "Session ended",
  phaseRetrying: "Retrying…",
  phaseWriting: "Writing…",
  phaseThinking: "Thinking…",
  phaseRunningTool: (tool) => `Running ${tool}…`,
  phaseRunningHere: (tool) => `Running ${tool ?? "a tool"} here…`,
  phaseWaitingApproval: "Waiting for your approval",
  phaseContinuing: "Continuing…",
  phaseSending: "Sending…",
  phaseAwaitingReply: "Waiting for Tracy…",
  phaseReady: "Ready",
  connectionConnecting: "Connecting…",
  connectionReconnecting: "Reconnecting…",
  connectionFailed: "Disconnected",
  traceChip: "trace",
  traceChipTitle: "Trace sent with your next message",

  composerLabel: "Message Tracy",
  composerEnded: "This session has ended.",
  composerHint: "Enter to send, Shift+Enter for a new line.",
  composerApprovalFirst: "Allow or deny Tracy's request above to continue.",
  stop: "Stop",
  stopping: "Stopping…",
  send: "Send",

  errorFailedTitle: ({ action, tool }) =>
    action === "tool-result" && tool !== null ? `Couldn't send the result of ${tool}` : `Couldn't ${ACTIONS[action]}`,
  errorCredentialsTitle: "Couldn't get credentials for Tracy",
  errorCredentialsDetail: (reason) =>
    `The panel's backend.headers() failed: ${reason || "no reason given."} Sign in again if needed, then try again.`,
  errorStreamEndedTitle: "Tracy's event stream keeps ending",
  errorStreamEndedDetail: (message) =>
    `${message} The backend, or a proxy in front of it, answers but cannot stream. Try again in a moment.`,
  errorUnreachableTitle: "Can't reach Tracy",
  errorUnreachableDetail: "Check your connection, then try again.",
  errorSignedOutTitle: "Your sign-in has expired",
  errorSignedOutDetail: "Sign in again, then try again.",
  errorForbiddenTitle: "No access",
  errorForbiddenDetail: (reason) =>
    ["You don't have access to Tracy for this tenant.", reason, "Ask an admin for access."].filter(Boolean).join(" "),
  errorNotFoundTitle: "Conversation not found",
  errorNotFoundDetail: "It may have been deleted, or it belongs to another tenant. Start a new one.",
  errorBusyTitle: "Tracy is still answering",
  errorBusyDetail: "Wait for the current answer, or press Stop, then try again.",
  errorRateLimitedTitle: "Too many requests",
  errorRateLimitedDetail: (seconds) =>
    `Tracy is rate limited. Try again${seconds !== null ? ` in ${seconds} s` : " in a moment"}.`,
  errorUnavailableTitle: "Tracy is unavailable",
  errorUnavailableDetail: (status) => `The backend had a problem (HTTP ${status}). Try again in a moment.`,
  errorHistoryLoopDetail: "The conversation's history pages repeat, so it can't be loaded in full.",
  errorToolInterruptedTitle: (tool) => `${tool} was interrupted`,
  errorToolInterruptedDetail: "The page closed while it ran, so it has no result yet. Run it again to answer Tracy.",
  problemNotJson: "The Tracy backend sent a response that is not JSON.",
  problemNotEventStream: (type) => `Expected an event stream, got “${type || "no content type"}”.`,
  problemStreamEnded: (c) =>
    `The event stream ended as soon as it opened, ${c.n} ${c.plural === "one" ? "time" : "times"} in a row.`,
  problemNoSessionId: "The Tracy backend created a session but returned no id.",
  problemAnswerUnsent: "Its answer was not sent before the page closed.",
  errorLine: ({ title, detail }) => `${title}. ${detail}`,
  warningUnreadableEvent: (reason) =>
    reason === null
      ? "Tracy sent an event the panel couldn't read. It was skipped."
      : `Tracy sent an event the panel couldn't read (${reason}). It was skipped.`,
  decodeFailure: (r) => {
    switch (r.code) {
      case "not-object":
        return "not a JSON object";
      case "no-type":
        return "no event type";
      case "missing-field":
        return `${r.eventType} without a usable ${r.field}`;
      case "invalid-field":
        return `${r.eventType} with an unusable ${r.field}`;
      case "malformed":
        return `malformed ${r.eventType}`;
    }
  },
  warningUnreadableHistory: (c) =>
    c.plural === "one"
      ? `${c.n} event in the history couldn't be read and was skipped.`
      : `${c.n} events in the history couldn't be read and were skipped.`,
  warningUnshownEvents: (c) =>
    c.plural === "one"
      ? `${c.n} event couldn't be shown and was skipped.`
      : `${c.n} events couldn't be shown and were skipped.`,
  reconnect: "Reconnect",
  reload: "Reload",
  retry: "Retry",
  dismiss: "Dismiss",

  conversation: "Conversation",
  askingAboutTrace: "Asking about trace",
  showEarlier: (c) => `Show earlier (${c.n} more)`,
  you: "You",
  agent: "Tracy",
  replyPending: "…",
  notSent: (error) => (error ? `Not sent: ${error.title}. ${error.detail}` : "Not sent."),
  edit: "Edit",
  sent: "Sent",
  messageShowing: ({ shown, total }) => `Showing ${shown} of ${total} characters.`,
  messageTooLong: "The whole message is too long to show here.",
  showFullMessage: "Show full message",
  showingFullMessage: "Showing…",
  copyFullMessage: "Copy full message",
  copy: "Copy",
  copied: "Copied",
  copyFailed: "Copy failed",
  itemFailed: "This part of the conversation couldn’t be displayed.",
  showRawData: "Show raw data",
  hideRawData: "Hide raw data",
  rawData: "Raw data",
  threadTo: (agent) => `To sub-agent ${agent}`,
  threadFrom: (agent) => `From sub-agent ${agent}`,
  threadToLabel: (agent) => `Message to sub-agent ${agent}`,
  threadFromLabel: (agent) => `Message from sub-agent ${agent}`,
  sessionHiccup: "Hiccup:",
  sessionError: "Error:",
  sessionErrorType: (type) => {
    const words = type.replace(/_error$/, "").replace(/_/g, " ");
    return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
  },
  sessionRetrying: "Tracy is retrying on its own.",
  sessionRetriesExhausted: "Tracy gave up after several retries. Ask again to continue.",
  sessionTerminal: "This error can't be retried. Ask again, or start a new conversation.",
  clippedCharacters: (c) => `(${c.n} characters)`,
  noticeInterrupted: "Stopped by user.",
  noticeTerminated: "This session has ended.",
  noticeBudgetReached: "Stopped: the session's budget is used up.",
  noticeRetriesExhausted: "Stopped after repeated errors.",
  noticeRefusal: "The model declined to answer this request.",
  noticeThreadCreated: (agent) => `Started sub-agent “${agent}”.`,
  noticeContextCompacted: "Earlier context was summarised to save tokens.",

  markdownImage: (alt) => `Image: ${alt || "untitled"}`,
  markdownCode: "code",
  copyCode: "Copy code",
  codeRegion: (language) => (language ? `Code (${language})` : "Code"),
  markdownTable: "Table",
  showAllRows: (c) => `Show all ${c.n} rows`,
  taskDone: "Done",
  taskNotDone: "Not done",

  approvalWantsToRun: "Tracy wants to run",
  approvalOnServer: "on",
  approvalExplain: "It needs your approval. This is exactly what it will run:",
  approvalInput: "Tool input",
  approvalAllowed: "Allowed. Tracy is continuing…",
  approvalDenied: "Denied. Tracy is continuing without it…",
  denyReason: "Reason (optional)",
  deny: "Deny",
  denyStart: "Deny…",
  back: "Back",
  allow: "Allow",
  confirmationAllowed: "You allowed this call.",
  confirmationDenied: (reason) => (reason ? `You denied this call: “${reason}”` : "You denied this call."),

  toolCall: (tool) => `Tool call ${tool}`,
  clientTool: "client tool",
  input: "Input",
  output: "Output",
  error: "Error",
  copyInput: "Copy input",
  copyOutput: "Copy output",
  noInput: "No input.",
  noOutput: "No output.",
  statusRunning: "running…",
  statusDenied: "denied",
  statusNotFinished: "not finished",
  statusAwaitingApproval: "awaiting approval",
  statusDone: "done",
  statusError: "error",
  statusWithDuration: (status, duration) => `${status} · ${duration}`,
  durationMilliseconds: (n) => `${n} ms`,
  durationSeconds: (n) => `${n} s`,
  durationMinutes: (minutes, seconds) => (seconds ? `${minutes} min ${seconds} s` : `${minutes} min`),
  pendingDenied: (reason) => (reason ? `Denied: ${reason}` : "Denied."),
  pendingUnfinished: "The turn ended before this call finished. It won't run on.",
  pendingApproval: "Waiting for your approval…",
  pendingRunning: "Running…",
  outputShowing: ({ shown, total }) => `Showing ${shown} of ${total} characters.`,
  showFullOutput: "Show full output",
  showAll: "Show all",
  redactedContent: "Redacted content",
  toolImageAlt: (mediaType) => `Image from the tool (${mediaType})`,
  mediaImage: "Image",
  mediaDocument: (title) => `Document “${title ?? "untitled"}”`,
  untitled: "untitled",
  mediaLink: (what, url) => `${what}: ${url}`,
  mediaUnsafeLink: (what) => `${what} (unsafe link removed)`,
  mediaFile: (what, fileId) => `${what} (file ${fileId}, not shown)`,
  mediaPdf: "PDF",
  mediaNotShown: (what, format) => `${what} (${format}, not shown)`,

  query: "Query",
  copyQuery: "Copy query",
  parameters: "Parameters",
  rowCount: (c) => counted(c, "row", "rows"),
  nodeCount: (c) => counted(c, "node", "nodes"),
  queryFailedNoMessage: "The query failed without a message.",
  hints: "Hints",
  hintElementIdTitle: "Node identity",
  hintElementId: (v) => `Nodes have no \`id\` property in this graph. Use \`elementId(${v})\` to identify a node.`,
  hintTenantTitle: "Tenant scoping",
  hintTenant: ({ property, parameter }) =>
    `Every query must be scoped to one tenant: filter each matched node on \`${property} = $${parameter}\`, e.g. \`MATCH (s:Span {${property}: $${parameter}})\`.`,
  hintDeepTitle: "Deep traversal",
  hintDeep: (hops) =>
    `Variable-length paths grow very fast with each hop. Narrow the range (e.g. \`*1..${hops}\`), add a time window on \`start_time\`, or start from an indexed span (e.g. by \`trace_id\`).`,
  viewTable: "Table",
  viewGraph: "Graph",
  viewRaw: "Raw JSON",
  resultView: "Result view",
  copyResult: "Copy result",
  csv: "CSV",
  json: "JSON",
  copyAsCsv: "Copy as CSV",
  copyAsJson: "Copy as JSON",
  loadingGraph: "Loading graph…",
  loadingJson: "Loading JSON…",
  graphNotLoaded: "The graph view could not be loaded. Copy as JSON still works.",
  jsonNotLoaded: "The JSON view could not be loaded. Copy as JSON still works.",
  queryResult: "Query result",
  noRows: "No rows.",
  tableScrollHint: "More columns: scroll the table sideways.",
  rowsShowing: ({ shown, total }) => `Showing ${shown} of ${total} rows.`,
  columns: "Columns",
  columnPages: "Column pages",
  rows: "Rows",
  resultPages: "Result pages",
  cellNull: "null",
  cellEmpty: "empty string",
  collapse: "Collapse",
  previousPage: "Prev",
  nextPage: "Next",
  pageRange: (noun, from, to, total) => `${noun} ${from}–${to} of ${total}`,
  nodes: "Nodes",
  relationships: "Relationships",
  listPages: (list) => `${list} pages`,
  unlabelledNode: "node",

  usageSummary: ({ input, cached, output }) => `${input} new · ${cached} cached · ${output} out`,
  usageCost: (cost, budget) => (budget === null ? cost : `${cost} of ${budget}`),
  usageShowDetails: "Show token usage details",
  usageHideDetails: "Hide token usage details",
  usageBudgetReached: (budget) =>
    `This session reached its budget${budget !== null ? ` of ${budget}` : ""}. Start a new conversation to continue.`,
  usageCaption: "Token usage by turn",
  usageTurnColumn: "Turn",
  usageNewInput: "New input",
  usageCacheReads: "Cache reads",
  usageCacheWrites: "Cache writes",
  usageOutput: "Output",
  usageTurn: (turn) => `Turn ${turn}`,
  usageSession: "Session",
  usageCacheShare: (percent) =>
    `${percent} of input came from the prompt cache. Cache reads cost about a tenth of new input; long Cypher results add new input every turn.`,
});
