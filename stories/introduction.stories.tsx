import type { Meta, StoryObj } from "@storybook/react-vite";

/** Links to other stories open in the Storybook manager around this page. */
const story = (id: string) => `?path=/story/${id}`;

const STATES: readonly [string, string, string][] = [
  ["tracypanel--empty", "Empty", "what a new conversation looks like"],
  ["tracypanel--streaming", "Streaming", "a reply being written"],
  ["tracypanel--cypher-tool-card", "Cypher tool card", "a query, its result table and graph"],
  ["tracypanel--awaiting-approval", "Awaiting approval", "a tool waiting for the user's answer"],
  ["tracypanel--budget-reached", "Budget reached", "a spent budget, with New conversation"],
  ["tracypanel--conversations", "Conversations", "the header menu: earlier conversations and exports"],
  ["tracypanel-errors--offline", "Errors", "one story per failure the panel tells apart"],
  ["tracypanel-locales--german", "Languages", "German and Arabic (right to left)"],
];

const EMBED = `import { TracyPanel } from "@clawtrace/tracy-panel";
import "@clawtrace/tracy-panel/styles.css";

<div style={{ height: 640 }}>
  <TracyPanel
    tenantId={currentTenant}
    traceId={currentTrace}
    backend={{ baseUrl: "/api/tracy" }}
    onSessionChange={(id) => saveSessionId(currentTenant, id)}
  />
</div>`;

/** The catalogue's first page: what the panel is, how a host embeds it, and where its states are. */
function Introduction() {
  return (
    <article className="tracy-story-intro">
      <h1>Tracy panel</h1>
      <p>
        <code>@clawtrace/tracy-panel</code> puts Tracy, the ClawTrace observability agent, into a React app. Tracy
        answers questions about traces by running Cypher queries on the tenant's telemetry; the panel streams its
        replies as markdown and shows every tool call as a card. It talks to a Tracy backend (protocol v1, a thin proxy
        in front of Claude Managed Agents): every story here runs the scripted demo backend in memory.
      </p>
      <h2>Embed it</h2>
      <pre>
        <code>{EMBED}</code>
      </pre>
      <p>
        The panel fills its container: give the container a height. Change <code>tenantId</code> and everything of the
        previous tenant is dropped; change <code>traceId</code> and the next question is asked about the new trace.
      </p>
      <h2>Its states</h2>
      <ul>
        {STATES.map(([id, name, what]) => (
          <li key={id}>
            <a href={story(id)} target="_top">
              {name}
            </a>
            : {what}
          </li>
        ))}
      </ul>
      <p>
        Stories with a play function act out their state (asking, approving, failing). Error stories stop at the error:
        the way out (Retry, Reconnect, New conversation) is yours to press.
      </p>
    </article>
  );
}

const meta = {
  title: "Introduction",
  component: Introduction,
  parameters: { layout: "padded", frame: "page" },
} satisfies Meta<typeof Introduction>;

export default meta;

export const Overview: StoryObj<typeof meta> = {};
