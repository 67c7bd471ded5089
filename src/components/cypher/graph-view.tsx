import {
  Fragment,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from "react";
import { compactJson } from "../tool-parts/compact-json";
import { useViewConfig } from "../view-config";
import { keyProperties, shortElementId, type GraphData } from "./graph-data";
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH, type GraphLayout, type LaidNode } from "./graph-layout";
import { useFormat, useLabels } from "../../labels/labels-context";

export interface GraphViewProps {
  graph: GraphData;
}

/** Pan and zoom: screen = graph × k + (x, y). */
export interface GraphViewport {
  x: number;
  y: number;
  k: number;
}

const MIN_ZOOM = 0.25;
const MAX_ZOOM = 3;
const ZOOM_STEP = 1.25;
const PAN_STEP = 48;
/** Tallest the canvas grows before it scrolls by panning instead. */
const MAX_CANVAS_HEIGHT = 420;
const MIN_CANVAS_HEIGHT = 150;
/** Characters of a caption that fit a node box. */
const CAPTION_CHARS = 16;
/** Colour classes for node labels, chosen by a hash of the first label. */
const PALETTE = 6;

const clampZoom = (k: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k));

/**
 * A result's nodes and relationships drawn as a graph: top-down, as a tree where the relationships form one (a trace's
 * spans by `CHILD_OF`), pannable by drag and Shift+arrows, zoomable by buttons, keys and Ctrl+wheel (or the wheel once
 * the graph has focus). Nodes are one tab stop; arrow keys move between them along the drawing, and the focused node's
 * labels and properties show below. SVG attributes and class names only: no inline styles, no HTML from the data.
 */
export function GraphView({ graph }: GraphViewProps) {
  const layout = useMemo(() => layoutGraph(graph), [graph]);
  const labels = useLabels();
  const format = useFormat();
  const { cypher } = useViewConfig();
  const keys = useMemo(
    () => ({ captionKeys: cypher.captionKeys, hidden: cypher.tenantProperty }),
    [cypher.captionKeys, cypher.tenantProperty],
  );
  const svgRef = useRef<SVGSVGElement>(null);
  const nodeRefs = useRef<(SVGGElement | null)[]>([]);
  const keysId = useId();
  const detailsId = useId();
  const height = Math.round(Math.min(MAX_CANVAS_HEIGHT, Math.max(MIN_CANVAS_HEIGHT, layout.height)));
  const [view, setView] = useState<GraphViewport>({ x: 0, y: 0, k: 1 });
  const [active, setActive] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const viewRef = useRef(view);
  viewRef.current = view;

  const size = useCallback(() => {
    const rect = svgRef.current?.getBoundingClientRect();
    return { width: rect?.width ?? 0, height: rect?.height ?? height };
  }, [height]);

  const fit = useCallback(() => setView(fitView(layout, size())), [layout, size]);
  // Before the first paint, so the graph never shows at the wrong scale.
  useLayoutEffect(fit, [fit]);

  const zoomAt = useCallback((factor: number, cx?: number, cy?: number) => {
    setView((v) => {
      const k = clampZoom(v.k * factor);
      const px = cx ?? 0;
      const py = cy ?? 0;
      return { k, x: px - ((px - v.x) * k) / v.k, y: py - ((py - v.y) * k) / v.k };
    });
  }, []);
  const zoomCentre = (factor: number) => {
    const { width, height: h } = size();
    zoomAt(factor, width / 2, h / 2);
  };
  const pan = (dx: number, dy: number) => setView((v) => ({ ...v, x: v.x + dx, y: v.y + dy }));

  // The wheel zooms with Ctrl or ⌘ (a pinch on a trackpad), or once the graph has focus; otherwise it scrolls the
  // transcript as usual. A native listener, since React's wheel listener is passive and cannot keep the page still.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onWheel = (e: WheelEvent) => {
      const focused = svg.contains(svg.ownerDocument.activeElement);
      if (!(e.ctrlKey || e.metaKey || focused) || e.deltaY === 0) return;
      e.preventDefault();
      const rect = svg.getBoundingClientRect();
      zoomAt(Math.exp(-Math.max(-100, Math.min(100, e.deltaY)) * 0.004), e.clientX - rect.left, e.clientY - rect.top);
    };
    svg.addEventListener("wheel", onWheel, { passive: false });
    return () => svg.removeEventListener("wheel", onWheel);
  }, [zoomAt]);

  // Drag to pan; a press that does not move chooses the node under it.
  const drag = useRef<{
    id: number;
    sx: number;
    sy: number;
    x: number;
    y: number;
    moved: boolean;
    node: number;
  } | null>(null);
  const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
    if (e.button !== 0) return;
    const target = e.target instanceof Element ? e.target.closest("[data-node]") : null;
    const node = target ? Number(target.getAttribute("data-node")) : -1;
    drag.current = { id: e.pointerId, sx: e.clientX, sy: e.clientY, x: view.x, y: view.y, moved: false, node };
  };
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    const dx = e.clientX - d.sx;
    const dy = e.clientY - d.sy;
    if (!d.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!d.moved) {
      d.moved = true;
      e.currentTarget.setPointerCapture?.(e.pointerId);
    }
    setView((v) => ({ ...v, x: d.x + dx, y: d.y + dy }));
  };
  const onPointerUp = (e: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    drag.current = null;
    if (!d || d.id !== e.pointerId || d.moved || d.node < 0) return;
    choose(d.node);
  };

  const choose = (i: number) => {
    setActive(i);
    setSelected(i);
    nodeRefs.current[i]?.focus();
  };

  // Keeps the focused node in view: arrow keys can walk off the visible part.
  const reveal = (i: number) => {
    const n = layout.nodes[i];
    const { width, height: h } = size();
    if (!n || width === 0) return;
    const v = viewRef.current;
    const left = n.x * v.k + v.x;
    const top = n.y * v.k + v.y;
    const right = left + NODE_WIDTH * v.k;
    const bottom = top + NODE_HEIGHT * v.k;
    if (left >= 0 && top >= 0 && right <= width && bottom <= h) return;
    setView({ ...v, x: width / 2 - (n.x + NODE_WIDTH / 2) * v.k, y: h / 2 - (n.y + NODE_HEIGHT / 2) * v.k });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const onNode = e.target instanceof Element && e.target.hasAttribute("data-node");
    const arrow = ARROWS[e.key];
    let handled = true;
    if (e.key === "+" || e.key === "=") zoomCentre(ZOOM_STEP);
    else if (e.key === "-" || e.key === "_") zoomCentre(1 / ZOOM_STEP);
    else if (e.key === "0") fit();
    else if (arrow && (e.shiftKey || !onNode)) pan(-arrow[0] * PAN_STEP, -arrow[1] * PAN_STEP);
    else if (onNode && (arrow || e.key === "Home" || e.key === "End")) {
      const next = neighbour(layout, active, e.key);
      if (next !== active) {
        choose(next);
        reveal(next);
      }
    } else handled = false;
    if (handled) e.preventDefault();
  };

  const shown = layout.nodes[selected ?? -1];
  const edgeLabels = new Set(layout.edges.map((e) => e.rel.type)).size > 1;
  const captionOf = (n: LaidNode) => caption(n, keys, labels.unlabelledNode);

  return (
    <div className="tracy-graph" onKeyDown={onKeyDown}>
      <div className="tracy-graph-toolbar">
        <div className="tracy-graph-zoom" role="group" aria-label={labels.graphZoom}>
          <button
            type="button"
            className="tracy-button"
            aria-label={labels.zoomOut}
            onClick={() => zoomCentre(1 / ZOOM_STEP)}
          >
            <span aria-hidden="true">−</span>
          </button>
          <output className="tracy-graph-level" aria-live="polite">
            {labels.zoomLevel(format.percent(view.k))}
          </output>
          <button
            type="button"
            className="tracy-button"
            aria-label={labels.zoomIn}
            onClick={() => zoomCentre(ZOOM_STEP)}
          >
            <span aria-hidden="true">+</span>
          </button>
          <button type="button" className="tracy-button" onClick={fit}>
            {labels.zoomFit}
          </button>
        </div>
      </div>
      {layout.hiddenNodes > 0 && (
        <p className="tracy-graph-notice" role="note">
          {labels.graphCapped(format.number(layout.nodes.length), format.number(layout.totalNodes))}
        </p>
      )}
      <svg
        ref={svgRef}
        className="tracy-graph-canvas"
        width="100%"
        height={height}
        role="group"
        aria-label={labels.graphCanvas(format.count(graph.nodes.length), format.count(graph.relationships.length))}
        aria-describedby={keysId}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => (drag.current = null)}
      >
        <g
          className="tracy-graph-viewport"
          transform={`translate(${round(view.x)} ${round(view.y)}) scale(${round(view.k)})`}
        >
          <g aria-hidden="true">
            {layout.edges.map((edge, i) => {
              const from = layout.nodes[edge.from] as LaidNode;
              const to = layout.nodes[edge.to] as LaidNode;
              const path = edgePath(from, to);
              return (
                <g key={i} className="tracy-graph-edge">
                  <path d={path.line} />
                  <path className="tracy-graph-arrow" d={path.arrow} />
                  {edgeLabels && (
                    <text x={path.mid[0]} y={path.mid[1]} textAnchor="middle" className="tracy-graph-edge-label">
                      {clip(edge.rel.type, CAPTION_CHARS)}
                    </text>
                  )}
                </g>
              );
            })}
          </g>
          {layout.nodes.map((n, i) => {
            const label = n.node.labels[0] ?? "";
            const text = captionOf(n);
            const tone = `tracy-graph-c${paletteOf(label)}${n.missing ? " tracy-graph-missing" : ""}`;
            return (
              <Fragment key={i}>
                <g
                  ref={(el) => {
                    nodeRefs.current[i] = el;
                  }}
                  data-node={i}
                  role="button"
                  tabIndex={i === active ? 0 : -1}
                  aria-label={n.missing ? `${text} (${labels.graphMissingNode})` : text}
                  aria-current={i === selected ? "true" : undefined}
                  aria-controls={detailsId}
                  className={`tracy-graph-node ${tone}`}
                  transform={`translate(${n.x} ${n.y})`}
                  onFocus={() => {
                    setActive(i);
                    setSelected(i);
                  }}
                >
                  <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx={6} />
                </g>
                {/* Drawn over the node, outside it: the node's name is its whole caption (aria-label), and these clipped
                  lines would not match it. */}
                <g
                  className={`tracy-graph-node-text ${tone}`}
                  transform={`translate(${n.x} ${n.y})`}
                  aria-hidden="true"
                >
                  <text x={NODE_WIDTH / 2} y={15} textAnchor="middle" className="tracy-graph-node-label">
                    {clip(n.missing ? labels.graphMissingNode : label || labels.unlabelledNode, CAPTION_CHARS + 4)}
                  </text>
                  <text x={NODE_WIDTH / 2} y={31} textAnchor="middle" className="tracy-graph-node-caption">
                    {clip(captionValue(n, keys), CAPTION_CHARS)}
                  </text>
                </g>
              </Fragment>
            );
          })}
        </g>
      </svg>
      <p id={keysId} className="tracy-graph-keys">
        {labels.graphKeys}
      </p>
      <section id={detailsId} className="tracy-graph-details" aria-label={labels.graphDetails}>
        {shown ? (
          <NodeDetails laid={shown} layout={layout} captionOf={captionOf} hidden={cypher.tenantProperty} />
        ) : (
          <p className="tracy-muted">{labels.graphNoSelection}</p>
        )}
      </section>
    </div>
  );
}

interface NodeDetailsProps {
  laid: LaidNode;
  layout: GraphLayout;
  captionOf: (n: LaidNode) => string;
  hidden: string;
}

/** Everything about the chosen node: labels, id, every property (tenant scoping aside) and its relationships. */
function NodeDetails({ laid, layout, captionOf, hidden }: NodeDetailsProps) {
  const labels = useLabels();
  const { node } = laid;
  const index = layout.nodes.indexOf(laid);
  const props = Object.keys(node.properties).filter((k) => k !== hidden);
  const rels = layout.edges.filter((e) => e.from === index || e.to === index);
  return (
    <>
      <p className="tracy-graph-details-title">
        <strong>{captionOf(laid)}</strong>
        {laid.missing && <span className="tracy-muted"> ({labels.graphMissingNode})</span>}
        {node.labels.map((l, i) => (
          <span key={i} className="tracy-graph-label">
            {l}
          </span>
        ))}
        <code className="tracy-graph-id">{node.elementId}</code>
      </p>
      {props.length > 0 && (
        <dl className="tracy-graph-props">
          {props.map((k) => (
            <PropertyRow key={k} name={k} value={node.properties[k]} />
          ))}
        </dl>
      )}
      {rels.length > 0 && (
        <>
          <p className="tracy-tool-label">{labels.relationships}</p>
          <ul className="tracy-graph-list">
            {rels.map((e, i) => (
              <li key={i}>
                <code className="tracy-graph-rel">
                  ({captionOf(layout.nodes[e.from] as LaidNode)})-[<span className="tracy-cy-label">:{e.rel.type}</span>
                  ]-&gt;(
                  {captionOf(layout.nodes[e.to] as LaidNode)})
                </code>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function PropertyRow({ name, value }: { name: string; value: unknown }) {
  return (
    <>
      <dt className="tracy-graph-key">{name}</dt>
      <dd className="tracy-graph-prop">{typeof value === "string" ? value : compactJson(value, 400).text}</dd>
    </>
  );
}

const ARROWS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** The node an arrow key leads to: up to the parent, down to the first child, sideways within the layer. */
export function neighbour(layout: GraphLayout, from: number, key: string): number {
  const n = layout.nodes[from];
  if (!n) return 0;
  if (key === "Home") return 0;
  if (key === "End") return layout.nodes.length - 1;
  if (key === "ArrowUp") return n.parent >= 0 ? n.parent : from;
  if (key === "ArrowDown") return n.children[0] ?? from;
  const layer = layout.layers[n.depth] ?? [];
  const at = layer.indexOf(from);
  if (key === "ArrowLeft") return layer[at - 1] ?? from;
  if (key === "ArrowRight") return layer[at + 1] ?? from;
  return from;
}

/** The whole graph at the largest zoom (at most 100%) that fits the width, or its top at the smallest readable zoom. */
export function fitView(layout: GraphLayout, size: { width: number; height: number }): GraphViewport {
  if (size.width <= 0) return { x: 0, y: 0, k: 1 };
  const k = clampZoom(Math.max(0.6, Math.min(1, size.width / layout.width, size.height / layout.height)));
  if (layout.width * k <= size.width) return { x: (size.width - layout.width * k) / 2, y: 0, k };
  // Too wide to read whole: start at the top, over the first root.
  const root = layout.nodes[0];
  const x = root ? size.width / 2 - (root.x + NODE_WIDTH / 2) * k : 0;
  return { x: Math.min(0, Math.max(size.width - layout.width * k, x)), y: 0, k };
}

function edgePath(from: LaidNode, to: LaidNode): { line: string; arrow: string; mid: [number, number] } {
  // Leave the end nearer the other node's layer: downward edges from the bottom, upward ones from the top.
  const down = to.y >= from.y;
  const sameLayer = to.y === from.y;
  const x1 = from.x + NODE_WIDTH / 2;
  const y1 = sameLayer ? from.y : down ? from.y + NODE_HEIGHT : from.y;
  const x2 = to.x + NODE_WIDTH / 2;
  const y2 = sameLayer ? to.y : down ? to.y : to.y + NODE_HEIGHT;
  const bend = sameLayer ? -36 : (y2 - y1) / 2;
  const c1 = y1 + bend;
  const c2 = sameLayer ? y2 + bend : y2 - bend;
  const line = `M${round(x1)} ${round(y1)} C${round(x1)} ${round(c1)} ${round(x2)} ${round(c2)} ${round(x2)} ${round(y2)}`;
  // The arrowhead points along the last stretch of the curve, which is vertical.
  const dir = c2 < y2 ? 1 : -1;
  const arrow = `M${round(x2)} ${round(y2)} l-4 ${-6 * dir} l8 0 z`;
  return { line, arrow, mid: [round((x1 + x2) / 2), round((y1 + y2) / 2 + (sameLayer ? bend * 0.75 : 0) - 3)] };
}

function caption(n: LaidNode, keys: { captionKeys: readonly string[]; hidden: string }, unlabelled: string): string {
  const label = n.node.labels[0] ?? unlabelled;
  return `${label} ${captionValue(n, keys)}`;
}

function captionValue(n: LaidNode, keys: { captionKeys: readonly string[]; hidden: string }): string {
  const first = keyProperties(n.node.properties, 1, keys)[0];
  if (!first) return shortElementId(n.node.elementId);
  return typeof first[1] === "string" ? first[1] : compactJson(first[1], 40).text;
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : text;
}

function paletteOf(label: string): number {
  let h = 0;
  for (let i = 0; i < label.length; i++) h = (h * 31 + label.charCodeAt(i)) | 0;
  return Math.abs(h) % PALETTE;
}

const round = (n: number) => Math.round(n * 100) / 100;
