import type { PanelAction } from "../store/describe-error";
import type { Count } from "./format";
import type { TracyLabels } from "./tracy-labels";

const ACTIONS: Record<PanelAction, string> = {
  send: "تعذّر إرسال رسالتك",
  connect: "تعذّر الاتصال بـTracy",
  load: "تعذّر تحميل المحادثة",
  stop: "تعذّر إيقاف Tracy",
  confirm: "تعذّر إرسال إجابتك",
  "tool-result": "تعذّر إرسال النتيجة",
};

/**
 * Arabic has six plural forms. `#` in a form is replaced by the count as the locale writes it;
 * the counts' category comes from `Intl.PluralRules`, so `few` is 3–10, `many` 11–99, and so on.
 */
type PluralForms = Record<Intl.LDMLPluralRule, string>;
const plural = (c: Count, forms: PluralForms) => forms[c.plural].replace("#", c.n);

const ROWS: PluralForms = {
  zero: "لا صفوف",
  one: "صف واحد",
  two: "صفّان",
  few: "# صفوف",
  many: "# صفًا",
  other: "# صف",
};
const NODES: PluralForms = {
  zero: "لا عُقد",
  one: "عقدة واحدة",
  two: "عقدتان",
  few: "# عُقد",
  many: "# عقدة",
  other: "# عقدة",
};
const CHARACTERS: PluralForms = {
  zero: "لا أحرف",
  one: "حرف واحد",
  two: "حرفان",
  few: "# أحرف",
  many: "# حرفًا",
  other: "# حرف",
};
const EVENTS: PluralForms = {
  zero: "لا أحداث",
  one: "حدث واحد",
  two: "حدثان",
  few: "# أحداث",
  many: "# حدثًا",
  other: "# حدث",
};

const TIMES: PluralForms = {
  zero: "صفر مرة",
  one: "مرة واحدة",
  two: "مرتين",
  few: "# مرات",
  many: "# مرة",
  other: "# مرة",
};

/** The panel's words in Arabic. Pass as `TracyPanel`'s `labels`, with an Arabic `locale` (`"ar"`): the panel then lays out right to left. */
export const ar = Object.freeze({
  panel: "مساعد Tracy",
  title: "Tracy",
  placeholder: "اسأل Tracy عن هذا التتبّع…",
  emptyIntro: "اسأل Tracy لماذا يبطئ تتبّعٌ ما، أو أي خدمة تعطّلت، أو ما الذي تغيّر.",
  emptyDetail: "يشغّل Tracy استعلامات Cypher على بيانات القياس لديك ويعرض كل استعلام يشغّله.",
  panelFailed: "تعذّر على Tracy عرض هذه المحادثة. لم يُفقد شيء.",
  tryAgain: "أعد المحاولة",
  newConversation: "محادثة جديدة",

  phaseLoading: "جارٍ تحميل المحادثة…",
  phaseEnded: "انتهت الجلسة",
  phaseRetrying: "جارٍ إعادة المحاولة…",
  phaseWriting: "يكتب…",
  phaseThinking: "يفكّر…",
  phaseRunningTool: (tool) => `يشغّل ${tool}…`,
  phaseRunningHere: (tool) => (tool === null ? "يشغّل أداة هنا…" : `يشغّل ${tool} هنا…`),
  phaseWaitingApproval: "بانتظار موافقتك",
  phaseContinuing: "يتابع…",
  phaseSending: "جارٍ الإرسال…",
  phaseAwaitingReply: "بانتظار Tracy…",
  phaseReady: "جاهز",
  connectionConnecting: "جارٍ الاتصال…",
  connectionReconnecting: "جارٍ إعادة الاتصال…",
  connectionFailed: "غير متصل",
  traceChip: "التتبّع",
  traceChipTitle: "التتبّع المُرسل مع رسالتك التالية",

  composerLabel: "راسل Tracy",
  composerEnded: "انتهت هذه الجلسة.",
  composerHint: "اضغط Enter للإرسال، وShift+Enter لسطر جديد.",
  composerApprovalFirst: "اسمح بطلب Tracy أعلاه أو ارفضه للمتابعة.",
  stop: "إيقاف",
  stopping: "جارٍ الإيقاف…",
  send: "إرسال",

  errorFailedTitle: ({ action, tool }) =>
    action === "tool-result" && tool !== null ? `تعذّر إرسال نتيجة ${tool}` : ACTIONS[action],
  errorCredentialsTitle: "تعذّر الحصول على بيانات الاعتماد لـTracy",
  errorCredentialsDetail: (reason) =>
    `فشل backend.headers()‎ في اللوحة: ${reason || "دون ذكر سبب."} سجّل الدخول مجددًا إن لزم، ثم أعد المحاولة.`,
  errorStreamEndedTitle: "يتوقف بثّ أحداث Tracy باستمرار",
  errorStreamEndedDetail: (message) =>
    `${message} الخادم، أو وكيل أمامه، يجيب لكنه لا يستطيع البث. أعد المحاولة بعد قليل.`,
  errorUnreachableTitle: "تعذّر الوصول إلى Tracy",
  errorUnreachableDetail: "تحقّق من اتصالك، ثم أعد المحاولة.",
  errorSignedOutTitle: "انتهت صلاحية تسجيل دخولك",
  errorSignedOutDetail: "سجّل الدخول مجددًا، ثم أعد المحاولة.",
  errorForbiddenTitle: "لا صلاحية وصول",
  errorForbiddenDetail: (reason) =>
    ["ليست لديك صلاحية الوصول إلى Tracy لهذا المستأجر.", reason, "اطلب الصلاحية من المسؤول."].filter(Boolean).join(" "),
  errorNotFoundTitle: "المحادثة غير موجودة",
  errorNotFoundDetail: "ربما حُذفت، أو أنها تخص مستأجرًا آخر. ابدأ محادثة جديدة.",
  errorBusyTitle: "ما زال Tracy يجيب",
  errorBusyDetail: "انتظر الإجابة الحالية، أو اضغط إيقاف، ثم أعد المحاولة.",
  errorRateLimitedTitle: "طلبات كثيرة جدًا",
  errorRateLimitedDetail: (seconds) =>
    `تجاوز Tracy حدّ المعدّل المسموح. أعد المحاولة ${seconds !== null ? `بعد ${seconds} ث` : "بعد قليل"}.`,
  errorUnavailableTitle: "Tracy غير متاح",
  errorUnavailableDetail: (status) => `واجه الخادم مشكلة (HTTP ${status}). أعد المحاولة بعد قليل.`,
  errorHistoryLoopDetail: "صفحات سجل المحادثة تتكرر، لذا لا يمكن تحميلها كاملة.",
  errorToolInterruptedTitle: (tool) => `انقطع ${tool}`,
  errorToolInterruptedDetail: "أُغلقت الصفحة أثناء تشغيله، فلا نتيجة له بعد. شغّله مجددًا للرد على Tracy.",
  problemNotJson: "أرسل خادم Tracy ردًا ليس بصيغة JSON.",
  problemNotEventStream: (type) => `كان المتوقع بثّ أحداث، لكن وصل «${type || "بلا نوع محتوى"}».`,
  problemStreamEnded: (c) => `انتهى بثّ الأحداث فور فتحه ${plural(c, TIMES)} على التوالي.`,
  problemNoSessionId: "أنشأ خادم Tracy جلسة لكنه لم يُرجع معرّفها.",
  problemAnswerUnsent: "لم تُرسل إجابتها قبل إغلاق الصفحة.",
  errorLine: ({ title, detail }) => `${title}. ${detail}`,
  warningUnreadableEvent: (reason) =>
    reason === null
      ? "أرسل Tracy حدثًا تعذّرت على اللوحة قراءته، فتم تخطّيه."
      : `أرسل Tracy حدثًا تعذّرت على اللوحة قراءته (${reason})، فتم تخطّيه.`,
  // Protocol names are isolated (FSI … PDI) so they read left to right inside the Arabic sentence.
  decodeFailure: (r) => {
    switch (r.code) {
      case "not-object":
        return "ليس كائن JSON";
      case "no-type":
        return "بلا نوع حدث";
      case "missing-field":
        return `\u2068${r.eventType}\u2069 بلا \u2068${r.field}\u2069 صالح`;
      case "invalid-field":
        return `\u2068${r.eventType}\u2069 فيه \u2068${r.field}\u2069 غير صالح`;
      case "malformed":
        return `\u2068${r.eventType}\u2069 تالف`;
    }
  },
  warningUnreadableHistory: (c) => `تعذّرت قراءة ${plural(c, EVENTS)} في السجل فتم تخطّيها.`,
  warningUnshownEvents: (c) => `تعذّر عرض ${plural(c, EVENTS)} فتم تخطّيها.`,
  reconnect: "أعد الاتصال",
  reload: "أعد التحميل",
  retry: "أعد المحاولة",
  dismiss: "إغلاق",

  conversation: "المحادثة",
  askingAboutTrace: "سؤال عن التتبّع",
  showEarlier: (c) => `عرض الأقدم (${c.n} إضافية)`,
  you: "أنت",
  agent: "Tracy",
  replyPending: "…",
  notSent: (error) => (error ? `لم تُرسل: ${error.title}. ${error.detail}` : "لم تُرسل."),
  edit: "تعديل",
  sent: "أُرسلت",
  messageShowing: ({ shown, total }) => `يُعرض ${shown} من ${total} حرف.`,
  messageTooLong: "الرسالة كاملة أطول من أن تُعرض هنا.",
  showFullMessage: "عرض الرسالة كاملة",
  showingFullMessage: "جارٍ العرض…",
  copyFullMessage: "نسخ الرسالة كاملة",
  copy: "نسخ",
  copied: "تم النسخ",
  copyFailed: "فشل النسخ",
  itemFailed: "تعذّر عرض هذا الجزء من المحادثة.",
  showRawData: "عرض البيانات الخام",
  hideRawData: "إخفاء البيانات الخام",
  rawData: "البيانات الخام",
  threadTo: (agent) => `إلى الوكيل الفرعي ${agent}`,
  threadFrom: (agent) => `من الوكيل الفرعي ${agent}`,
  threadToLabel: (agent) => `رسالة إلى الوكيل الفرعي ${agent}`,
  threadFromLabel: (agent) => `رسالة من الوكيل الفرعي ${agent}`,
  sessionHiccup: "عطل عابر:",
  sessionError: "خطأ:",
  sessionErrorType: (type) => `خطأ من النوع ${type}.`,
  sessionRetrying: "يعيد Tracy المحاولة من تلقاء نفسه.",
  sessionRetriesExhausted: "توقّف Tracy بعد عدة محاولات. اسأل مجددًا للمتابعة.",
  sessionTerminal: "لا يمكن إعادة محاولة هذا الخطأ. اسأل مجددًا، أو ابدأ محادثة جديدة.",
  clippedCharacters: (c) => `(${plural(c, CHARACTERS)})`,
  noticeInterrupted: "أوقفه المستخدم.",
  noticeTerminated: "انتهت هذه الجلسة.",
  noticeBudgetReached: "توقّف: نفدت ميزانية الجلسة.",
  noticeRetriesExhausted: "توقّف بعد أخطاء متكررة.",
  noticeRefusal: "رفض النموذج الإجابة عن هذا الطلب.",
  noticeThreadCreated: (agent) => `بدأ الوكيل الفرعي «${agent}».`,
  noticeContextCompacted: "لُخّص السياق السابق لتوفير الرموز.",

  markdownImage: (alt) => `صورة: ${alt || "بلا عنوان"}`,
  markdownCode: "شيفرة",
  copyCode: "نسخ الشيفرة",
  codeRegion: (language) => (language ? `شيفرة (${language})` : "شيفرة"),
  markdownTable: "جدول",
  showAllRows: (c) => `عرض كل الصفوف (${c.n})`,
  taskDone: "منجزة",
  taskNotDone: "غير منجزة",

  approvalWantsToRun: "يريد Tracy تشغيل",
  approvalOnServer: "على",
  approvalExplain: "يحتاج ذلك إلى موافقتك. هذا بالضبط ما سيشغّله:",
  approvalInput: "مُدخلات الأداة",
  approvalAllowed: "تم السماح. يتابع Tracy…",
  approvalDenied: "تم الرفض. يتابع Tracy دونه…",
  denyReason: "السبب (اختياري)",
  deny: "رفض",
  denyStart: "رفض…",
  back: "رجوع",
  allow: "سماح",
  confirmationAllowed: "سمحت بهذا الاستدعاء.",
  confirmationDenied: (reason) => (reason ? `رفضت هذا الاستدعاء: «${reason}»` : "رفضت هذا الاستدعاء."),

  toolCall: (tool) => `استدعاء الأداة ${tool}`,
  clientTool: "أداة في المتصفح",
  input: "المُدخلات",
  output: "المُخرجات",
  error: "خطأ",
  copyInput: "نسخ المُدخلات",
  copyOutput: "نسخ المُخرجات",
  noInput: "لا مُدخلات.",
  noOutput: "لا مُخرجات.",
  statusRunning: "قيد التشغيل…",
  statusDenied: "مرفوض",
  statusNotFinished: "لم يكتمل",
  statusAwaitingApproval: "بانتظار الموافقة",
  statusDone: "تم",
  statusError: "خطأ",
  statusWithDuration: (status, duration) => `${status} · ${duration}`,
  durationMilliseconds: (n) => `${n} م.ث`,
  durationSeconds: (n) => `${n} ث`,
  durationMinutes: (minutes, seconds) => (seconds ? `${minutes} د ${seconds} ث` : `${minutes} د`),
  pendingDenied: (reason) => (reason ? `مرفوض: ${reason}` : "مرفوض."),
  pendingUnfinished: "انتهى الدور قبل اكتمال هذا الاستدعاء. لن يستمر تشغيله.",
  pendingApproval: "بانتظار موافقتك…",
  pendingRunning: "قيد التشغيل…",
  outputShowing: ({ shown, total }) => `يُعرض ${shown} من ${total} حرف.`,
  showFullOutput: "عرض المُخرجات كاملة",
  showAll: "عرض الكل",
  redactedContent: "محتوى محجوب",
  toolImageAlt: (mediaType) => `صورة من الأداة (${mediaType})`,
  mediaImage: "صورة",
  mediaDocument: (title) => `مستند «${title ?? "بلا عنوان"}»`,
  untitled: "بلا عنوان",
  mediaLink: (what, url) => `${what}: ${url}`,
  mediaUnsafeLink: (what) => `${what} (أُزيل رابط غير آمن)`,
  mediaFile: (what, fileId) => `${what} (الملف ${fileId}، غير معروض)`,
  mediaPdf: "PDF",
  mediaNotShown: (what, format) => `${what} (${format}، غير معروض)`,

  query: "الاستعلام",
  copyQuery: "نسخ الاستعلام",
  parameters: "المعاملات",
  rowCount: (c) => plural(c, ROWS),
  nodeCount: (c) => plural(c, NODES),
  queryFailedNoMessage: "فشل الاستعلام دون رسالة.",
  hints: "تلميحات",
  hintElementIdTitle: "هوية العقدة",
  hintElementId: (v) => `لا تملك العقد خاصية \`id\` في هذا الرسم البياني. استخدم \`elementId(${v})\` لتعريف عقدة.`,
  hintTenantTitle: "تقييد المستأجر",
  hintTenant: ({ property, parameter }) =>
    `يجب تقييد كل استعلام بمستأجر واحد: رشّح كل عقدة مطابقة بـ\`${property} = $${parameter}\`، مثل \`MATCH (s:Span {${property}: $${parameter}})\`.`,
  hintDeepTitle: "اجتياز عميق",
  hintDeep: (hops) =>
    `تنمو المسارات متغيّرة الطول بسرعة كبيرة مع كل قفزة. ضيّق النطاق (مثل \`*1..${hops}\`)، أو أضف نافذة زمنية على \`start_time\`، أو ابدأ من مقطع مفهرس (مثل \`trace_id\`).`,
  viewTable: "جدول",
  viewGraph: "رسم بياني",
  viewRaw: "JSON خام",
  resultView: "عرض النتيجة",
  copyResult: "نسخ النتيجة",
  csv: "CSV",
  json: "JSON",
  copyAsCsv: "نسخ بصيغة CSV",
  copyAsJson: "نسخ بصيغة JSON",
  loadingGraph: "جارٍ تحميل الرسم البياني…",
  loadingJson: "جارٍ تحميل JSON…",
  graphNotLoaded: "تعذّر تحميل عرض الرسم البياني. ما زال النسخ بصيغة JSON يعمل.",
  jsonNotLoaded: "تعذّر تحميل عرض JSON. ما زال النسخ بصيغة JSON يعمل.",
  queryResult: "نتيجة الاستعلام",
  noRows: "لا صفوف.",
  tableScrollHint: "أعمدة أخرى: مرّر الجدول أفقيًا.",
  rowsShowing: ({ shown, total }) => `يُعرض ${shown} من ${total} صف.`,
  columns: "الأعمدة",
  columnPages: "صفحات الأعمدة",
  rows: "الصفوف",
  resultPages: "صفحات النتيجة",
  cellNull: "null",
  cellEmpty: "نص فارغ",
  collapse: "طيّ",
  previousPage: "السابق",
  nextPage: "التالي",
  pageRange: (noun, from, to, total) => `${noun} ${from}–${to} من ${total}`,
  nodes: "العُقد",
  relationships: "العلاقات",
  listPages: (list) => `صفحات ${list}`,
  unlabelledNode: "عقدة",

  usageSummary: ({ input, cached, output }) => `${input} جديدة · ${cached} مخزّنة · ${output} مُخرجة`,
  usageCost: (cost, budget) => (budget === null ? cost : `${cost} من ${budget}`),
  usageShowDetails: "عرض تفاصيل استهلاك الرموز",
  usageHideDetails: "إخفاء تفاصيل استهلاك الرموز",
  usageBudgetReached: (budget) =>
    `بلغت هذه الجلسة ميزانيتها${budget !== null ? ` البالغة ${budget}` : ""}. ابدأ محادثة جديدة للمتابعة.`,
  usageCaption: "استهلاك الرموز حسب الدور",
  usageTurnColumn: "الدور",
  usageNewInput: "مُدخلات جديدة",
  usageCacheReads: "قراءات ذاكرة التخزين",
  usageCacheWrites: "كتابات ذاكرة التخزين",
  usageOutput: "المُخرجات",
  usageTurn: (turn) => `الدور ${turn}`,
  usageSession: "الجلسة",
  usageCacheShare: (percent) =>
    `${percent} من المُدخلات جاءت من ذاكرة التخزين المؤقت للموجّه. تكلّف قراءات الذاكرة نحو عُشر المُدخلات الجديدة؛ ونتائج Cypher الطويلة تضيف مُدخلات جديدة في كل دور.`,
} satisfies TracyLabels) as Readonly<TracyLabels>;
