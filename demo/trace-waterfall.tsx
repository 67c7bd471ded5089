import { formatDuration, type DemoTrace } from "./traces";

/** How deep a span sits under the root, for its indent (capped: CSS has four steps). */
function depth(trace: DemoTrace, index: number): number {
  let d = 0;
  for (let span = trace.spans[index]; span?.parent !== undefined && d < 3; span = trace.spans[span.parent]) d++;
  return d;
}

/**
 * A minimal span waterfall so the demo looks like the host it will live in. Labels and durations are HTML text
 * (they wrap, never shrink with the page); only each bar is an SVG scaled to its track, so no inline styles.
 */
export function TraceWaterfall({ trace }: { trace: DemoTrace }) {
  const total = Math.max(...trace.spans.map((s) => s.startMs + s.durationMs));
  return (
    <ol className="demo-waterfall" aria-label="Span waterfall">
      {trace.spans.map((s, i) => (
        <li key={i} className="demo-span" data-depth={depth(trace, i)}>
          <span className="demo-span-label">
            <span className="demo-span-service">{s.service}</span> · {s.name}
          </span>
          <svg className="demo-span-track" viewBox="0 0 1000 16" preserveAspectRatio="none" aria-hidden="true">
            <rect
              x={(s.startMs / total) * 1000}
              y="2"
              width={Math.max(4, (s.durationMs / total) * 1000)}
              height="12"
              className={s.error ? "demo-span-bar demo-span-error" : "demo-span-bar"}
            />
          </svg>
          <span className="demo-span-ms">{formatDuration(s.durationMs)}</span>
        </li>
      ))}
    </ol>
  );
}
