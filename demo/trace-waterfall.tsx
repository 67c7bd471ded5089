import type { DemoTrace } from "./traces";

/** A minimal span waterfall so the demo looks like the host it will live in. Widths via SVG, not inline styles. */
export function TraceWaterfall({ trace }: { trace: DemoTrace }) {
  const total = Math.max(...trace.spans.map((s) => s.startMs + s.durationMs));
  const rowHeight = 26;
  return (
    <svg className="demo-waterfall" viewBox={`0 0 1000 ${trace.spans.length * rowHeight}`} role="img" aria-label="Span waterfall">
      {trace.spans.map((s, i) => {
        const x = 380 + (s.startMs / total) * 600;
        const w = Math.max(3, (s.durationMs / total) * 600);
        return (
          <g key={i} transform={`translate(0 ${i * rowHeight})`}>
            <text x="8" y="17" className="demo-span-label">
              {s.service} · {s.name}
            </text>
            <rect x={x} y="5" width={w} height="15" rx="3" className={s.error ? "demo-span-bar demo-span-error" : "demo-span-bar"} />
            <text x={Math.min(x + w + 6, 960)} y="17" className="demo-span-ms">
              {s.durationMs} ms
            </text>
          </g>
        );
      })}
    </svg>
  );
}
