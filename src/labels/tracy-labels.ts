import type { DecodeFailure } from "../protocol/decode";
import type { PanelAction } from "../store/describe-error";
import type { Count } from "./format";

/** Two counts in one sentence: how many are shown of how many. */
export interface ShownOf {
  shown: string;
  total: string;
}

/**
 * Every word the panel shows or announces. Entries are plain strings, or functions of the data
 * they word (numbers arrive formatted in the panel's locale; counts carry their plural category).
 * Pass some of them as `TracyPanel`'s `labels` prop to reword or translate the panel.
 */
export interface TracyLabels {
  // Panel
  /** Accessible name of the panel's `<section>`. */
  panel: string;
  /** Heading at the top of the panel (the `title` prop wins). */
  title: string;
  /** Placeholder of the message box (the `placeholder` prop wins). */
  placeholder: string;
  /** Empty conversation, first paragraph. */
  emptyIntro: string;
  /** Empty conversation, second (muted) paragraph. */
  emptyDetail: string;
  /** Shown in place of the panel when one of its views threw. */
  panelFailed: string;
  /** Button of the panel fallback that renders the conversation again. */
  tryAgain: string;
  /** Button that leaves the conversation (panel fallback; error banner on a conversation that is gone). */
  newConversation: string;

  // Conversations menu (header)
  /** Accessible name and tooltip of the header button that starts a new conversation. */
  newConversationHint: string;
  /** Accessible name of the header's menu button (conversations and export). */
  conversationsMenu: string;
  /** Heading of the menu's list of the user's conversations in this tenant. */
  conversationsHeading: string;
  /** A conversation without a title yet (nothing asked). */
  conversationUntitled: string;
  /** Hidden after a conversation's title: it is the one shown now. */
  conversationCurrent: string;
  /** While the list of conversations loads. */
  conversationsLoading: string;
  /** The tenant has no conversations yet. */
  conversationsEmpty: string;
  /** The list could not be loaded. */
  conversationsFailed: string;
  /** Lists the next page of conversations. */
  conversationsMore: string;
  /** Menu item: download the conversation as a readable Markdown transcript. */
  exportMarkdown: string;
  /** Menu item: download the conversation's event log as JSON. */
  exportJson: string;
  /** The export could not be made (the event log could not be listed). */
  exportFailed: string;
  /** Markdown export: the document's heading (`title` the first question, or null). */
  exportHeading: (title: string | null) => string;
  /** Markdown export: a line under the heading with the conversation's id. */
  exportSessionLine: (sessionId: string) => string;
  /** Markdown export: a tool call's heading (`tool` its name, `status` as the card words it). */
  exportToolCall: (tool: string, status: string) => string;
  /** Markdown export: before a tool call's input. */
  exportToolInput: string;
  /** Markdown export: before a tool call's result. */
  exportToolResult: string;
  /** Markdown export: after a result cut short (`rest` counts the characters left out). */
  exportToolResultCut: (rest: Count) => string;

  // Status bar
  /** Status while an existing conversation's history loads. */
  phaseLoading: string;
  /** Status once the session has ended. */
  phaseEnded: string;
  /** Status while the session is rescheduled after an upstream error. */
  phaseRetrying: string;
  /** Status while Tracy's reply streams in. */
  phaseWriting: string;
  /** Status while the model thinks (also the transcript's thinking line). */
  phaseThinking: string;
  /** Status while a tool runs on the backend. */
  phaseRunningTool: (tool: string) => string;
  /** Status while a client tool runs in this page (`tool` null when unknown). */
  phaseRunningHere: (tool: string | null) => string;
  /** Status while Tracy waits for the user to allow or deny a tool call. */
  phaseWaitingApproval: string;
  /** Status after the session's required actions are answered, before it runs again. */
  phaseContinuing: string;
  /** Status while a message is being posted (also the pending message's note). */
  phaseSending: string;
  /** Status after a message was posted, before Tracy starts. */
  phaseAwaitingReply: string;
  /** Status when nothing happens. */
  phaseReady: string;
  /** After the status, while the stream connects. */
  connectionConnecting: string;
  /** After the status, while the stream reconnects. */
  connectionReconnecting: string;
  /** After the status, once the stream gave up. */
  connectionFailed: string;
  /** Word before the trace id in the header's context chip. */
  traceChip: string;
  /** Tooltip of the header's trace chip. */
  traceChipTitle: string;

  // Composer
  /** Visually hidden label of the message box. */
  composerLabel: string;
  /** Placeholder of the message box once the session has ended. */
  composerEnded: string;
  /** Hint for screen readers under the message box. */
  composerHint: string;
  /** Hint shown under the message box while an approval must come first. */
  composerApprovalFirst: string;
  /** Button that interrupts Tracy. */
  stop: string;
  /** The Stop button while stopping. */
  stopping: string;
  /** The composer's submit button. */
  send: string;

  // Errors (banner, failed message, failed approval)
  /** Title of an error, by what failed; `action`/`tool` say what the panel was doing. */
  errorFailedTitle: (what: { action: PanelAction; tool: string | null }) => string;
  /** Title: `backend.headers()` threw. */
  errorCredentialsTitle: string;
  /** Detail: `backend.headers()` threw; `reason` is the host's message as a sentence, "" if none. */
  errorCredentialsDetail: (reason: string) => string;
  /** Title: the stream keeps ending as soon as it opens. */
  errorStreamEndedTitle: string;
  /** Detail: the stream keeps ending; `message` is the transport's account as a sentence. */
  errorStreamEndedDetail: (message: string) => string;
  /** Title: no answer at all (network, CORS, offline). */
  errorUnreachableTitle: string;
  /** Detail: no answer at all. */
  errorUnreachableDetail: string;
  /** Title: HTTP 401. */
  errorSignedOutTitle: string;
  /** Detail: HTTP 401. */
  errorSignedOutDetail: string;
  /** Title: HTTP 403. */
  errorForbiddenTitle: string;
  /** Detail: HTTP 403; `reason` is the backend's message as a sentence, "" if none. */
  errorForbiddenDetail: (reason: string) => string;
  /** Title: HTTP 404, the conversation is gone. */
  errorNotFoundTitle: string;
  /** Detail: HTTP 404. */
  errorNotFoundDetail: string;
  /** Title: HTTP 409, a turn is still running. */
  errorBusyTitle: string;
  /** Detail: HTTP 409. */
  errorBusyDetail: string;
  /** Title: HTTP 429. */
  errorRateLimitedTitle: string;
  /** Detail: HTTP 429; `seconds` to wait when the backend said (rounded up, formatted). */
  errorRateLimitedDetail: (seconds: string | null) => string;
  /** Title: HTTP 5xx. */
  errorUnavailableTitle: string;
  /** Detail: HTTP 5xx. */
  errorUnavailableDetail: (status: number) => string;
  /** Detail: the history's pages lead back to a page already read. */
  errorHistoryLoopDetail: string;
  /** Title: a client tool was cut off by the page closing. */
  errorToolInterruptedTitle: (tool: string) => string;
  /** Detail: a client tool was cut off by the page closing. */
  errorToolInterruptedDetail: string;
  /** Detail: the backend answered a request with something that is not JSON. */
  problemNotJson: string;
  /** Detail: the event stream endpoint answered with another content type (`contentType` "" when none). */
  problemNotEventStream: (contentType: string) => string;
  /** Part of the stream-ended detail: how many times in a row the stream ended as soon as it opened. */
  problemStreamEnded: (times: Count) => string;
  /** Detail: creating a session answered without its id. */
  problemNoSessionId: string;
  /** Detail: a client tool's answer was not sent before the page closed. */
  problemAnswerUnsent: string;
  /** One line of an error: title, then detail. */
  errorLine: (error: { title: string; detail: string }) => string;
  /** Banner: a live event could not be read; `reason` is `decodeFailure`'s wording, null when unknown. */
  warningUnreadableEvent: (reason: string | null) => string;
  /** Why the decoder skipped an event, for the banner; `type` and `field` are protocol names, kept as they are. */
  decodeFailure: (reason: DecodeFailure) => string;
  /** Banner: history events that could not be read. */
  warningUnreadableHistory: (count: Count) => string;
  /** Banner: events that could not be shown. */
  warningUnshownEvents: (count: Count) => string;
  /** Banner button that reconnects the stream. */
  reconnect: string;
  /** Banner button that loads the history again. */
  reload: string;
  /** Button that tries again (banner: a tool result; failed message). */
  retry: string;
  /** Banner button that hides the banner (also its accessible name). */
  dismiss: string;

  // Transcript
  /** Accessible name of the scrolling conversation. */
  conversation: string;
  /** Divider before a question about another trace, before the trace id. */
  askingAboutTrace: string;
  /** Button that mounts earlier items of a long conversation. */
  showEarlier: (hidden: Count) => string;
  /** Author line of the user's messages. */
  you: string;
  /** Author line of Tracy's messages. */
  agent: string;
  /** Stands in for a reply of Tracy's until its first words arrive. */
  replyPending: string;
  /** Under a failed message: why it was not sent (`error` null when unknown). */
  notSent: (error: { title: string; detail: string } | null) => string;
  /** Button of a failed message that puts it back into the composer. */
  edit: string;
  /** Note under a message the backend accepted but the log does not show yet. */
  sent: string;
  /** Note under a message sent while Tracy answers: it waits its turn. */
  queued: string;
  /** Note under a queued message held back because a message above it was not sent. */
  queuedBehindFailure: string;
  /** Button that takes a queued message out of the queue before it goes. */
  removeQueued: string;
  /** Announced when Escape (or Stop) asks Tracy to stop the reply. */
  stopRequested: string;
  /** Button over the conversation that scrolls to the newest message and follows again (`count`: new items since the reader scrolled away; 0 when none). */
  jumpToLatest: (count: Count) => string;
  /** Accessible name of the actions under a finished reply. */
  replyActions: string;
  /** Accessible name of the copy button under a reply (it copies the reply's markdown). */
  copyReply: string;
  /** Thumbs-up button under a reply. */
  feedbackUp: string;
  /** Thumbs-down button under a reply. */
  feedbackDown: string;
  /** Label of the optional comment box that opens after rating a reply. */
  feedbackComment: string;
  /** Button that sends the comment with the rating. */
  feedbackSubmit: string;
  /** Button that closes the comment box without sending a comment. */
  feedbackCancel: string;
  /** Announced after a rating or comment was recorded. */
  feedbackThanks: string;
  /** Button under a turn that ended in an error: asks the same question again. */
  retryTurn: string;
  /** A cut long message: how much is shown. */
  messageShowing: (size: ShownOf) => string;
  /** Added when a message is too long to show whole at all. */
  messageTooLong: string;
  /** Button that shows the whole message. */
  showFullMessage: string;
  /** The same button while the rest renders. */
  showingFullMessage: string;
  /** Copy button of a message too long to show. */
  copyFullMessage: string;
  /** Copy buttons, at rest. */
  copy: string;
  /** Copy buttons, after copying. */
  copied: string;
  /** Copy buttons, when the clipboard refused. */
  copyFailed: string;
  /** Shown in place of an item whose view threw. */
  itemFailed: string;
  /** Button of a failed item that shows its data. */
  showRawData: string;
  /** The same button while the data shows. */
  hideRawData: string;
  /** Accessible name of a failed item's data. */
  rawData: string;
  /** Disclosure line of a message to a sub-agent. */
  threadTo: (agent: string) => string;
  /** Disclosure line of a message from a sub-agent. */
  threadFrom: (agent: string) => string;
  /** Accessible name of a message to a sub-agent. */
  threadToLabel: (agent: string) => string;
  /** Accessible name of a message from a sub-agent. */
  threadFromLabel: (agent: string) => string;
  /** Before an upstream error Tracy retries on its own. */
  sessionHiccup: string;
  /** Before an upstream error. */
  sessionError: string;
  /** An upstream error without a message, by its type (`mcp_connection_failed_error`, say). */
  sessionErrorType: (type: string) => string;
  /** Under an upstream error Tracy retries on its own. */
  sessionRetrying: string;
  /** Under an upstream error Tracy gave up on. */
  sessionRetriesExhausted: string;
  /** Under an upstream error that can't be retried. */
  sessionTerminal: string;
  /** After an upstream error message cut for length. */
  clippedCharacters: (length: Count) => string;
  /** Notice: the user stopped Tracy. */
  noticeInterrupted: string;
  /** Notice: the session has ended. */
  noticeTerminated: string;
  /** Notice: the session's budget is spent. */
  noticeBudgetReached: string;
  /** Notice: the session stopped after repeated errors. */
  noticeRetriesExhausted: string;
  /** Notice: the model refused, when it gave no explanation of its own. */
  noticeRefusal: string;
  /** Notice: a sub-agent started. */
  noticeThreadCreated: (agent: string) => string;
  /** Notice: earlier context was summarised. */
  noticeContextCompacted: string;

  // Markdown
  /** An image in a reply (not loaded), by its alt text (null when none). */
  markdownImage: (alt: string | null) => string;
  /** Bar of a code block without a language. */
  markdownCode: string;
  /** Copy button of a code block. */
  copyCode: string;
  /** Accessible name of a code block (`language` null when none). */
  codeRegion: (language: string | null) => string;
  /** Accessible name of a table in a reply. */
  markdownTable: string;
  /** Button that shows every row of a long table (reply tables, query results). */
  showAllRows: (rows: Count) => string;
  /** Accessible name of a ticked task-list checkbox. */
  taskDone: string;
  /** Accessible name of an unticked task-list checkbox. */
  taskNotDone: string;

  // Approvals
  /** Approval heading, before the tool name. */
  approvalWantsToRun: string;
  /** Approval heading, before the MCP server's name. */
  approvalOnServer: string;
  /** Under the approval heading. */
  approvalExplain: string;
  /** Accessible name of the approval's tool input while it scrolls. */
  approvalInput: string;
  /** After Allow, until the log confirms. */
  approvalAllowed: string;
  /** After Deny, until the log confirms. */
  approvalDenied: string;
  /** Label of the reason field when denying. */
  denyReason: string;
  /** Button that sends the denial. */
  deny: string;
  /** Button that starts denying (asks for a reason). */
  denyStart: string;
  /** Button that leaves the reason field. */
  back: string;
  /** Button that allows the call. */
  allow: string;
  /** Under a tool card once the log shows the call was allowed. */
  confirmationAllowed: string;
  /** Under a tool card once the log shows the call was denied (`reason` null when none given). */
  confirmationDenied: (reason: string | null) => string;

  // Tool cards
  /** Accessible name of a tool card. */
  toolCall: (tool: string) => string;
  /** Chip of a tool the page answers. */
  clientTool: string;
  /** Chip on a custom tool the Tracy server runs itself (run_cypher). */
  serverTool: string;
  /** Section (and its text's accessible name): the tool's input. */
  input: string;
  /** Section (and accessible name of cut text): the tool's output. */
  output: string;
  /** Section: the tool's error; also the header status of a failed call. */
  error: string;
  /** Copy button of the input. */
  copyInput: string;
  /** Copy button of the output. */
  copyOutput: string;
  /** A call without input. */
  noInput: string;
  /** A result without content. */
  noOutput: string;
  /** Header status of a call still running. */
  statusRunning: string;
  /** Header status of a denied call. */
  statusDenied: string;
  /** Header status of a call the turn ended before. */
  statusNotFinished: string;
  /** Header status of a call waiting for approval. */
  statusAwaitingApproval: string;
  /** Header status of a call that finished. */
  statusDone: string;
  /** Header status of a call that failed. */
  statusError: string;
  /** Header status followed by how long the call took. */
  statusWithDuration: (status: string, duration: string) => string;
  /** A duration under a second (`n` formatted). */
  durationMilliseconds: (n: string) => string;
  /** A duration under a minute (`n` with one decimal). */
  durationSeconds: (n: string) => string;
  /** A longer duration (`seconds` null when whole minutes). */
  durationMinutes: (minutes: string, seconds: string | null) => string;
  /** Body of a denied call without result (`reason` null when none given). */
  pendingDenied: (reason: string | null) => string;
  /** Body of a call the turn ended before. */
  pendingUnfinished: string;
  /** Body of a call waiting for approval. */
  pendingApproval: string;
  /** Body of a running call. */
  pendingRunning: string;
  /** A cut output: how much is shown. */
  outputShowing: (size: ShownOf) => string;
  /** Button that shows a cut output whole. */
  showFullOutput: string;
  /** Button that shows a cut document whole. */
  showAll: string;
  /** A content block the backend redacted. */
  redactedContent: string;
  /** Alt text of an image a tool returned (`mediaType` like `image/png`). */
  toolImageAlt: (mediaType: string) => string;
  /** An image that is not shown, in the lines below. */
  mediaImage: string;
  /** A document that is not shown, in the lines below (`title` null when untitled). */
  mediaDocument: (title: string | null) => string;
  /** A document's caption when it has no title. */
  untitled: string;
  /** Link to media not loaded. */
  mediaLink: (what: string, url: string) => string;
  /** Media whose link was unsafe. */
  mediaUnsafeLink: (what: string) => string;
  /** Media stored as a file. */
  mediaFile: (what: string, fileId: string) => string;
  /** Name of the PDF format, in the line of a document not shown. */
  mediaPdf: string;
  /** Media of some format, not shown. */
  mediaNotShown: (what: string, format: string) => string;

  // Cypher card
  /** Section: the query. */
  query: string;
  /** Copy button of the query. */
  copyQuery: string;
  /** Section: the tool's other input. */
  parameters: string;
  /** Header status: rows returned. */
  rowCount: (rows: Count) => string;
  /** Header status: nodes returned. */
  nodeCount: (nodes: Count) => string;
  /** A failed query without a message. */
  queryFailedNoMessage: string;
  /** Section (folded): the server's guard changed the query before it ran. */
  guardRewritten: string;
  /** Accessible name of the list of the guard's changes. */
  guardRewriteNotes: string;
  /** Label above the query that actually ran, after the guard's changes. */
  queryThatRan: string;
  /** Copy button of the query that ran. */
  copyQueryThatRan: string;
  /** Title of a query the server's guard refused to run. */
  guardRejected: string;
  /** Accessible name of the list of the guard's reasons for refusing a query. */
  guardReasons: string;
  /** Title of a query that ran out of time. */
  queryTimedOut: string;
  /** Title of a query that failed while running. */
  queryFailed: string;
  /** Accessible name of the hint list under a failed query. */
  hints: string;
  /** Hint title: nodes have no `id`. */
  hintElementIdTitle: string;
  /** Hint: nodes have no `id`; `variable` is the query's. Spans in backticks show as code. */
  hintElementId: (variable: string) => string;
  /** Hint title: tenant scoping. */
  hintTenantTitle: string;
  /** Hint: tenant scoping, given the tenant property and its query parameter (without `$`). Spans in backticks show as code. */
  hintTenant: (scope: { property: string; parameter: string }) => string;
  /** Hint title: deep traversals. */
  hintDeepTitle: string;
  /** Hint: deep traversals; `hops` is the fast limit. Spans in backticks show as code. */
  hintDeep: (hops: number) => string;
  /** Result view button: table. */
  viewTable: string;
  /** Result view button: graph. */
  viewGraph: string;
  /** Result view button: raw JSON. */
  viewRaw: string;
  /** Accessible name of the result view buttons. */
  resultView: string;
  /** Accessible name of the copy-as group. */
  copyResult: string;
  /** Visible word before the CSV copy button. */
  csv: string;
  /** Visible word before the JSON copy button. */
  json: string;
  /** Copy button: CSV. */
  copyAsCsv: string;
  /** Copy button: JSON. */
  copyAsJson: string;
  /** While the graph view's code loads. */
  loadingGraph: string;
  /** While the JSON view's code loads. */
  loadingJson: string;
  /** The graph view's code failed to load. */
  graphNotLoaded: string;
  /** The JSON view's code failed to load. */
  jsonNotLoaded: string;
  /** Accessible name of the result table. */
  queryResult: string;
  /** Under a result table wider than the card: more columns are off to the side. */
  tableScrollHint: string;
  /** A result without rows. */
  noRows: string;
  /** A long result: how many rows the preview shows. */
  rowsShowing: (rows: ShownOf) => string;
  /** Pager noun and landmark: columns. */
  columns: string;
  /** Accessible name of the column pager. */
  columnPages: string;
  /** Pager noun: rows. */
  rows: string;
  /** Accessible name of the row pager. */
  resultPages: string;
  /** A null cell. */
  cellNull: string;
  /** Screen-reader word for an empty-string cell. */
  cellEmpty: string;
  /** Button that folds an expanded cell. */
  collapse: string;
  /** Pager button: previous page. */
  previousPage: string;
  /** Pager button: next page. */
  nextPage: string;
  /** Pager range (`noun` is `columns`, `rows`, `nodes` or `relationships`). */
  pageRange: (noun: string, from: string, to: string, total: string) => string;
  /** Graph view list: nodes. */
  nodes: string;
  /** Graph view list: relationships. */
  relationships: string;
  /** Accessible name of a graph list's pager. */
  listPages: (list: string) => string;
  /** Caption of a node without labels. */
  unlabelledNode: string;
  /** Accessible name of the drawn graph: how many nodes and relationships it holds. */
  graphCanvas: (nodes: Count, relationships: Count) => string;
  /** Accessible name of the graph's zoom controls. */
  graphZoom: string;
  /** Graph button: zoom in. */
  zoomIn: string;
  /** Graph button: zoom out. */
  zoomOut: string;
  /** Graph button: fit the whole graph in view. */
  zoomFit: string;
  /** The graph's zoom level, a formatted percentage (`125%`). */
  zoomLevel: (percent: string) => string;
  /** How to move around the graph, shown under it. */
  graphKeys: string;
  /** Notice when a large graph is drawn in part; `shown` and `total` are formatted counts. */
  graphCapped: (shown: string, total: string) => string;
  /** Heading and accessible name of the selected node's details. */
  graphDetails: string;
  /** The details area before a node is chosen. */
  graphNoSelection: string;
  /** A relationship end that is not in the result: drawn dashed, and named so. */
  graphMissingNode: string;

  // Usage
  /** The usage line: tokens of new input, cache reads and output (compact numbers). */
  usageSummary: (tokens: { input: string; cached: string; output: string }) => string;
  /** The cost, and the budget when there is one. */
  usageCost: (cost: string, budget: string | null) => string;
  /** Hidden text of the usage button while closed. */
  usageShowDetails: string;
  /** Hidden text of the usage button while open. */
  usageHideDetails: string;
  /** Alert once the session's budget is spent (`budget` null when unknown). */
  usageBudgetReached: (budget: string | null) => string;
  /** Caption of the usage table. */
  usageCaption: string;
  /** Header of the usage table's first column. */
  usageTurnColumn: string;
  /** Usage column: new input. */
  usageNewInput: string;
  /** Usage column: cache reads. */
  usageCacheReads: string;
  /** Usage column: cache writes. */
  usageCacheWrites: string;
  /** Usage column: output. */
  usageOutput: string;
  /** Usage row of one turn (`turn` formatted, from 1). */
  usageTurn: (turn: string) => string;
  /** Usage row of the whole session. */
  usageSession: string;
  /** Under the usage table: the share of input read from the cache. */
  usageCacheShare: (percent: string) => string;
}
