import type { PanelAction } from "../store/describe-error";
import type { Count } from "./format";
import type { TracyLabels } from "./tracy-labels";

const ACTIONS: Record<PanelAction, string> = {
  send: "Deine Nachricht konnte nicht gesendet werden",
  connect: "Keine Verbindung zu Tracy",
  load: "Die Unterhaltung konnte nicht geladen werden",
  stop: "Tracy konnte nicht gestoppt werden",
  confirm: "Deine Antwort konnte nicht gesendet werden",
  "tool-result": "Das Ergebnis konnte nicht gesendet werden",
};

/** `1 Zeile`, `2 Zeilen`: the count and the noun its plural category takes. */
const counted = (c: Count, one: string, other: string) => `${c.n} ${c.plural === "one" ? one : other}`;

/** The panel's words in German. Pass as `TracyPanel`'s `labels`, with a German `locale` (`"de-DE"`). */
export const de = Object.freeze({
  panel: "Tracy-Assistent",
  title: "Tracy",
  placeholder: "Frag Tracy zu diesem Trace…",
  emptyIntro: "Frag Tracy, warum ein Trace langsam ist, welcher Dienst ausgefallen ist oder was sich geändert hat.",
  emptyDetail: "Tracy führt Cypher-Abfragen auf deiner Telemetrie aus und zeigt jede, die es ausführt.",
  panelFailed: "Tracy konnte diese Unterhaltung nicht anzeigen. Es ist nichts verloren gegangen.",
  tryAgain: "Erneut versuchen",
  newConversation: "Neue Unterhaltung",

  phaseLoading: "Unterhaltung wird geladen…",
  phaseEnded: "Sitzung beendet",
  phaseRetrying: "Neuer Versuch…",
  phaseWriting: "Schreibt…",
  phaseThinking: "Denkt nach…",
  phaseRunningTool: (tool) => `Führt ${tool} aus…`,
  phaseRunningHere: (tool) => (tool === null ? "Führt hier ein Werkzeug aus…" : `Führt ${tool} hier aus…`),
  phaseWaitingApproval: "Wartet auf deine Freigabe",
  phaseContinuing: "Macht weiter…",
  phaseSending: "Wird gesendet…",
  phaseAwaitingReply: "Wartet auf Tracy…",
  phaseReady: "Bereit",
  connectionConnecting: "Verbindet…",
  connectionReconnecting: "Verbindet erneut…",
  connectionFailed: "Getrennt",
  traceChip: "Trace",
  traceChipTitle: "Trace, der mit deiner nächsten Nachricht gesendet wird",

  composerLabel: "Nachricht an Tracy",
  composerEnded: "Diese Sitzung ist beendet.",
  composerHint: "Eingabetaste zum Senden, Umschalt+Eingabetaste für eine neue Zeile.",
  composerApprovalFirst: "Erlaube oder verweigere zuerst Tracys Anfrage oben.",
  stop: "Stopp",
  stopping: "Wird gestoppt…",
  send: "Senden",

  errorFailedTitle: ({ action, tool }) =>
    action === "tool-result" && tool !== null
      ? `Das Ergebnis von ${tool} konnte nicht gesendet werden`
      : ACTIONS[action],
  errorCredentialsTitle: "Keine Anmeldedaten für Tracy",
  errorCredentialsDetail: (reason) =>
    `backend.headers() des Panels ist fehlgeschlagen: ${reason || "ohne Angabe eines Grundes."} Melde dich bei Bedarf erneut an und versuche es dann noch einmal.`,
  errorStreamEndedTitle: "Tracys Ereignisstrom bricht immer wieder ab",
  errorStreamEndedDetail: (message) =>
    `${message} Das Backend oder ein vorgeschalteter Proxy antwortet, kann aber nicht streamen. Versuche es gleich noch einmal.`,
  errorUnreachableTitle: "Tracy ist nicht erreichbar",
  errorUnreachableDetail: "Prüfe deine Verbindung und versuche es dann erneut.",
  errorSignedOutTitle: "Deine Anmeldung ist abgelaufen",
  errorSignedOutDetail: "Melde dich erneut an und versuche es dann noch einmal.",
  errorForbiddenTitle: "Kein Zugriff",
  errorForbiddenDetail: (reason) =>
    [
      "Du hast für diesen Mandanten keinen Zugriff auf Tracy.",
      reason,
      "Bitte eine Administratorin oder einen Administrator um Zugriff.",
    ]
      .filter(Boolean)
      .join(" "),
  errorNotFoundTitle: "Unterhaltung nicht gefunden",
  errorNotFoundDetail: "Sie wurde vielleicht gelöscht oder gehört zu einem anderen Mandanten. Beginne eine neue.",
  errorBusyTitle: "Tracy antwortet noch",
  errorBusyDetail: "Warte auf die aktuelle Antwort oder drücke Stopp und versuche es dann erneut.",
  errorRateLimitedTitle: "Zu viele Anfragen",
  errorRateLimitedDetail: (seconds) =>
    `Tracy ist vorübergehend gedrosselt. Versuche es ${seconds !== null ? `in ${seconds} s` : "gleich"} noch einmal.`,
  errorUnavailableTitle: "Tracy ist nicht verfügbar",
  errorUnavailableDetail: (status) => `Das Backend hatte ein Problem (HTTP ${status}). Versuche es gleich noch einmal.`,
  errorHistoryLoopDetail:
    "Die Verlaufsseiten der Unterhaltung wiederholen sich, daher kann sie nicht vollständig geladen werden.",
  errorToolInterruptedTitle: (tool) => `${tool} wurde unterbrochen`,
  errorToolInterruptedDetail:
    "Die Seite wurde während der Ausführung geschlossen, daher gibt es noch kein Ergebnis. Führe es erneut aus, um Tracy zu antworten.",
  problemNotJson: "Das Tracy-Backend hat eine Antwort gesendet, die kein JSON ist.",
  problemNotEventStream: (type) => `Erwartet wurde ein Ereignisstrom, erhalten: „${type || "kein Content-Type"}“.`,
  problemStreamEnded: (c) =>
    `Der Ereignisstrom endete ${c.plural === "one" ? "einmal" : `${c.n}-mal hintereinander`} sofort nach dem Öffnen.`,
  problemNoSessionId: "Das Tracy-Backend hat eine Sitzung erstellt, aber keine ID zurückgegeben.",
  problemAnswerUnsent: "Die Antwort wurde nicht gesendet, bevor die Seite geschlossen wurde.",
  errorLine: ({ title, detail }) => `${title}. ${detail}`,
  warningUnreadableEvent: (reason) =>
    reason === null
      ? "Tracy hat ein Ereignis gesendet, das das Panel nicht lesen konnte. Es wurde übersprungen."
      : `Tracy hat ein Ereignis gesendet, das das Panel nicht lesen konnte (${reason}). Es wurde übersprungen.`,
  decodeFailure: (r) => {
    switch (r.code) {
      case "not-object":
        return "kein JSON-Objekt";
      case "no-type":
        return "kein Ereignistyp";
      case "missing-field":
        return `${r.eventType} ohne verwendbares ${r.field}`;
      case "invalid-field":
        return `${r.eventType} mit unbrauchbarem ${r.field}`;
      case "malformed":
        return `${r.eventType} fehlerhaft`;
    }
  },
  warningUnreadableHistory: (c) =>
    c.plural === "one"
      ? `${c.n} Ereignis im Verlauf konnte nicht gelesen werden und wurde übersprungen.`
      : `${c.n} Ereignisse im Verlauf konnten nicht gelesen werden und wurden übersprungen.`,
  warningUnshownEvents: (c) =>
    c.plural === "one"
      ? `${c.n} Ereignis konnte nicht angezeigt werden und wurde übersprungen.`
      : `${c.n} Ereignisse konnten nicht angezeigt werden und wurden übersprungen.`,
  reconnect: "Neu verbinden",
  reload: "Neu laden",
  retry: "Wiederholen",
  dismiss: "Schließen",

  conversation: "Unterhaltung",
  askingAboutTrace: "Frage zum Trace",
  showEarlier: (c) => `Frühere anzeigen (${c.n} weitere)`,
  you: "Du",
  agent: "Tracy",
  replyPending: "…",
  notSent: (error) => (error ? `Nicht gesendet: ${error.title}. ${error.detail}` : "Nicht gesendet."),
  edit: "Bearbeiten",
  sent: "Gesendet",
  messageShowing: ({ shown, total }) => `${shown} von ${total} Zeichen werden angezeigt.`,
  messageTooLong: "Die ganze Nachricht ist zu lang, um sie hier anzuzeigen.",
  showFullMessage: "Ganze Nachricht anzeigen",
  showingFullMessage: "Wird angezeigt…",
  copyFullMessage: "Ganze Nachricht kopieren",
  copy: "Kopieren",
  copied: "Kopiert",
  copyFailed: "Kopieren fehlgeschlagen",
  itemFailed: "Dieser Teil der Unterhaltung konnte nicht angezeigt werden.",
  showRawData: "Rohdaten anzeigen",
  hideRawData: "Rohdaten ausblenden",
  rawData: "Rohdaten",
  threadTo: (agent) => `An Sub-Agent ${agent}`,
  threadFrom: (agent) => `Von Sub-Agent ${agent}`,
  threadToLabel: (agent) => `Nachricht an Sub-Agent ${agent}`,
  threadFromLabel: (agent) => `Nachricht von Sub-Agent ${agent}`,
  sessionHiccup: "Störung:",
  sessionError: "Fehler:",
  sessionErrorType: (type) => `Fehler vom Typ ${type}.`,
  sessionRetrying: "Tracy versucht es selbst erneut.",
  sessionRetriesExhausted: "Tracy hat nach mehreren Versuchen aufgegeben. Frag erneut, um weiterzumachen.",
  sessionTerminal: "Dieser Fehler lässt sich nicht wiederholen. Frag erneut oder beginne eine neue Unterhaltung.",
  clippedCharacters: (c) => `(${c.n} Zeichen)`,
  noticeInterrupted: "Von dir gestoppt.",
  noticeTerminated: "Diese Sitzung ist beendet.",
  noticeBudgetReached: "Gestoppt: Das Budget der Sitzung ist aufgebraucht.",
  noticeRetriesExhausted: "Nach wiederholten Fehlern gestoppt.",
  noticeRefusal: "Das Modell hat die Antwort auf diese Anfrage abgelehnt.",
  noticeThreadCreated: (agent) => `Sub-Agent „${agent}“ gestartet.`,
  noticeContextCompacted: "Früherer Kontext wurde zusammengefasst, um Tokens zu sparen.",

  markdownImage: (alt) => `Bild: ${alt || "ohne Titel"}`,
  markdownCode: "Code",
  copyCode: "Code kopieren",
  codeRegion: (language) => (language ? `Code (${language})` : "Code"),
  markdownTable: "Tabelle",
  showAllRows: (c) => (c.plural === "one" ? `${c.n} Zeile anzeigen` : `Alle ${c.n} Zeilen anzeigen`),
  taskDone: "Erledigt",
  taskNotDone: "Nicht erledigt",

  approvalWantsToRun: "Tracy möchte ausführen:",
  approvalOnServer: "auf",
  approvalExplain: "Dafür braucht es deine Freigabe. Genau das wird ausgeführt:",
  approvalInput: "Werkzeugeingabe",
  approvalAllowed: "Erlaubt. Tracy macht weiter…",
  approvalDenied: "Verweigert. Tracy macht ohne weiter…",
  denyReason: "Grund (optional)",
  deny: "Verweigern",
  denyStart: "Verweigern…",
  back: "Zurück",
  allow: "Erlauben",
  confirmationAllowed: "Du hast diesen Aufruf erlaubt.",
  confirmationDenied: (reason) =>
    reason ? `Du hast diesen Aufruf verweigert: „${reason}“` : "Du hast diesen Aufruf verweigert.",

  toolCall: (tool) => `Werkzeugaufruf ${tool}`,
  clientTool: "Werkzeug im Browser",
  input: "Eingabe",
  output: "Ausgabe",
  error: "Fehler",
  copyInput: "Eingabe kopieren",
  copyOutput: "Ausgabe kopieren",
  noInput: "Keine Eingabe.",
  noOutput: "Keine Ausgabe.",
  statusRunning: "läuft…",
  statusDenied: "verweigert",
  statusNotFinished: "nicht beendet",
  statusAwaitingApproval: "wartet auf Freigabe",
  statusDone: "fertig",
  statusError: "Fehler",
  statusWithDuration: (status, duration) => `${status} · ${duration}`,
  durationMilliseconds: (n) => `${n} ms`,
  durationSeconds: (n) => `${n} s`,
  durationMinutes: (minutes, seconds) => (seconds ? `${minutes} min ${seconds} s` : `${minutes} min`),
  pendingDenied: (reason) => (reason ? `Verweigert: ${reason}` : "Verweigert."),
  pendingUnfinished: "Der Zug endete, bevor dieser Aufruf fertig war. Er wird nicht weiter ausgeführt.",
  pendingApproval: "Wartet auf deine Freigabe…",
  pendingRunning: "Läuft…",
  outputShowing: ({ shown, total }) => `${shown} von ${total} Zeichen werden angezeigt.`,
  showFullOutput: "Ganze Ausgabe anzeigen",
  showAll: "Alles anzeigen",
  redactedContent: "Geschwärzter Inhalt",
  toolImageAlt: (mediaType) => `Bild vom Werkzeug (${mediaType})`,
  mediaImage: "Bild",
  mediaDocument: (title) => `Dokument „${title ?? "ohne Titel"}“`,
  untitled: "ohne Titel",
  mediaLink: (what, url) => `${what}: ${url}`,
  mediaUnsafeLink: (what) => `${what} (unsicherer Link entfernt)`,
  mediaFile: (what, fileId) => `${what} (Datei ${fileId}, nicht angezeigt)`,
  mediaPdf: "PDF",
  mediaNotShown: (what, format) => `${what} (${format}, nicht angezeigt)`,

  query: "Abfrage",
  copyQuery: "Abfrage kopieren",
  parameters: "Parameter",
  rowCount: (c) => counted(c, "Zeile", "Zeilen"),
  nodeCount: (c) => counted(c, "Knoten", "Knoten"),
  queryFailedNoMessage: "Die Abfrage ist ohne Meldung fehlgeschlagen.",
  hints: "Hinweise",
  hintElementIdTitle: "Knotenidentität",
  hintElementId: (v) =>
    `Knoten haben in diesem Graphen keine \`id\`-Eigenschaft. Verwende \`elementId(${v})\`, um einen Knoten zu identifizieren.`,
  hintTenantTitle: "Mandantenbezug",
  hintTenant: ({ property, parameter }) =>
    `Jede Abfrage muss auf einen Mandanten beschränkt sein: Filtere jeden gefundenen Knoten auf \`${property} = $${parameter}\`, z. B. \`MATCH (s:Span {${property}: $${parameter}})\`.`,
  hintDeepTitle: "Tiefe Traversierung",
  hintDeep: (hops) =>
    `Pfade variabler Länge wachsen mit jedem Schritt sehr schnell. Grenze den Bereich ein (z. B. \`*1..${hops}\`), setze ein Zeitfenster auf \`start_time\` oder beginne bei einem indizierten Span (z. B. über \`trace_id\`).`,
  viewTable: "Tabelle",
  viewGraph: "Graph",
  viewRaw: "Roh-JSON",
  resultView: "Ergebnisansicht",
  copyResult: "Ergebnis kopieren",
  csv: "CSV",
  json: "JSON",
  copyAsCsv: "Als CSV kopieren",
  copyAsJson: "Als JSON kopieren",
  loadingGraph: "Graph wird geladen…",
  loadingJson: "JSON wird geladen…",
  graphNotLoaded: "Die Graphansicht konnte nicht geladen werden. „Als JSON kopieren“ funktioniert weiterhin.",
  jsonNotLoaded: "Die JSON-Ansicht konnte nicht geladen werden. „Als JSON kopieren“ funktioniert weiterhin.",
  queryResult: "Abfrageergebnis",
  noRows: "Keine Zeilen.",
  tableScrollHint: "Weitere Spalten: Tabelle seitlich scrollen.",
  rowsShowing: ({ shown, total }) => `${shown} von ${total} Zeilen werden angezeigt.`,
  columns: "Spalten",
  columnPages: "Spaltenseiten",
  rows: "Zeilen",
  resultPages: "Ergebnisseiten",
  cellNull: "null",
  cellEmpty: "leere Zeichenkette",
  collapse: "Einklappen",
  previousPage: "Zurück",
  nextPage: "Weiter",
  pageRange: (noun, from, to, total) => `${noun} ${from}–${to} von ${total}`,
  nodes: "Knoten",
  relationships: "Beziehungen",
  listPages: (list) => `Seiten: ${list}`,
  unlabelledNode: "Knoten",

  usageSummary: ({ input, cached, output }) => `${input} neu · ${cached} aus Cache · ${output} aus`,
  usageCost: (cost, budget) => (budget === null ? cost : `${cost} von ${budget}`),
  usageShowDetails: "Details zur Token-Nutzung anzeigen",
  usageHideDetails: "Details zur Token-Nutzung ausblenden",
  usageBudgetReached: (budget) =>
    `Diese Sitzung hat ihr Budget${budget !== null ? ` von ${budget}` : ""} erreicht. Beginne eine neue Unterhaltung, um weiterzumachen.`,
  usageCaption: "Token-Nutzung pro Zug",
  usageTurnColumn: "Zug",
  usageNewInput: "Neue Eingabe",
  usageCacheReads: "Cache-Lesezugriffe",
  usageCacheWrites: "Cache-Schreibzugriffe",
  usageOutput: "Ausgabe",
  usageTurn: (turn) => `Zug ${turn}`,
  usageSession: "Sitzung",
  usageCacheShare: (percent) =>
    `${percent} der Eingabe kamen aus dem Prompt-Cache. Cache-Lesezugriffe kosten etwa ein Zehntel neuer Eingabe; lange Cypher-Ergebnisse fügen in jedem Zug neue Eingabe hinzu.`,
} satisfies TracyLabels) as Readonly<TracyLabels>;
