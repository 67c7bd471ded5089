import { StrictMode, useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import { ar, de, TracyPanel, useTracyActions, type TracyLabels } from "../src";
import { currentTraceText, TENANTS, TRACES, traceTitle } from "./traces";
import { SUGGESTIONS } from "./suggestions";
import { TraceWaterfall } from "./trace-waterfall";
import "./demo.css";

function Suggestions() {
  const actions = useTracyActions();
  return (
    <div className="tracy-empty">
      <p>Ask Tracy why a trace is slow, which service failed, or what changed.</p>
      <div className="demo-suggestions">
        {SUGGESTIONS.map((s) => (
          <button key={s} type="button" className="tracy-button" onClick={() => actions.send(s)}>
            {s}
          </button>
        ))}
      </div>
    </div>
  );
}

const PARAMS = new URLSearchParams(location.search);
/** `?stallTimeoutMs=1500`: give up on a silent stream sooner, to watch the server's `stall` fault recover. */
const STALL_TIMEOUT_MS = Number(PARAMS.get("stallTimeoutMs")) || undefined;
/** `?locale=ar` (right to left) or `?locale=de`: the panel in another language. */
const LOCALES: Record<string, Partial<TracyLabels>> = { ar, de };
const LOCALE = PARAMS.get("locale") ?? "en";
/** `?theme=dark`: start dark. */
const INITIAL_THEME = PARAMS.get("theme") === "dark" ? "dark" : "light";

const SESSIONS_KEY = "tracy-demo-sessions";

function loadSessions(): Record<string, string | null> {
  try {
    return JSON.parse(sessionStorage.getItem(SESSIONS_KEY) ?? "{}") as Record<string, string | null>;
  } catch {
    return {};
  }
}

function App() {
  const [tenantId, setTenantId] = useState(TENANTS[0]!.id);
  const [traceId, setTraceId] = useState(TRACES[0]!.id);
  const [sessions, setSessions] = useState(loadSessions);
  const [theme, setTheme] = useState<"light" | "dark">(INITIAL_THEME);
  const trace = TRACES.find((t) => t.id === traceId) ?? TRACES[0]!;
  // A client-side tool: the agent asks the page which trace the user is looking at.
  const tools = useMemo(
    () => ({
      get_current_trace: () => currentTraceText(trace),
    }),
    [trace],
  );

  const setSession = (id: string | null) => {
    const next = { ...sessions, [tenantId]: id };
    setSessions(next);
    sessionStorage.setItem(SESSIONS_KEY, JSON.stringify(next));
  };

  return (
    <div className={`demo-app demo-theme-${theme}`}>
      <header className="demo-topbar">
        <strong className="demo-logo">ClawTrace</strong>
        <label>
          Tenant{" "}
          <select value={tenantId} onChange={(e) => setTenantId(e.target.value)} data-testid="tenant-select">
            {TENANTS.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="demo-link" onClick={() => setSession(null)}>
          New conversation
        </button>
        <button type="button" className="demo-link" onClick={() => setTheme(theme === "light" ? "dark" : "light")}>
          {theme === "light" ? "Dark" : "Light"} theme
        </button>
      </header>
      <main className="demo-main">
        <nav className="demo-traces" aria-label="Traces">
          <h2>Traces</h2>
          <ul>
            {TRACES.map((t) => (
              <li key={t.id}>
                <button type="button" aria-pressed={t.id === traceId} onClick={() => setTraceId(t.id)}>
                  {traceTitle(t)}
                  <code>{t.id.slice(0, 12)}…</code>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <section className="demo-trace" aria-label="Trace detail">
          <h1>{traceTitle(trace)}</h1>
          <p className="demo-muted">
            Trace <code>{trace.id}</code> · tenant <code>{tenantId}</code>
          </p>
          <TraceWaterfall trace={trace} />
        </section>
        <aside className="demo-sidebar">
          <TracyPanel
            tenantId={tenantId}
            traceId={traceId}
            backend={{
              baseUrl: "/api/tracy",
              headers: () => ({ Authorization: "Bearer demo-token" }),
              stallTimeoutMs: STALL_TIMEOUT_MS,
            }}
            sessionId={sessions[tenantId] ?? null}
            onSessionChange={setSession}
            emptyState={<Suggestions />}
            tools={tools}
            theme={theme}
            locale={LOCALE}
            labels={LOCALES[LOCALE] ?? {}}
          />
        </aside>
      </main>
    </div>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
