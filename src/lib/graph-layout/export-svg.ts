import type { GraphNode, NodeKind, WorkflowGraph } from "~/lib/visualizer/types";
import { boundsOf } from "./bounds";
import { junctionKey, sharedJunctions } from "./junction-dots";
import { edgeLabelText, fitEdgeLabel, STACK_OFFSET } from "./node-size";
import { EDGE_COLORS, EDGE_LABEL_COLORS, edgeLook, FAMILY_COLORS, nodeFamily, nodeSubtitle } from "./node-style";
import type { LayoutResult } from "./types";

/**
 * A standalone SVG of a laid-out WorkflowGraph: group frames, edges (each edge's routed `path`, the very string the
 * view draws; back edges and self-loops dashed), edge labels in their boxes, nodes coloured by family with their
 * label and the operator class or function under it. Pure string building, no DOM: used for the SVG export, the PNG
 * export (drawn onto a canvas), and for gallery thumbnails without React Flow. Every piece of text from the script
 * is XML-escaped.
 */
export interface SvgOptions {
  theme?: "light" | "dark";
  /** Margin around the drawing, in drawing units. */
  padding?: number;
  /** Accessible title of the drawing. */
  title?: string;
  /** Leave out edge labels and node labels (tiny thumbnails). */
  labels?: boolean;
}

export interface Palette {
  background: string;
  text: string;
  muted: string;
  edge: string;
  conditional: string;
  kinds: Record<NodeKind, { fill: string; stroke: string; text: string }>;
}

export const PALETTES: Record<"light" | "dark", Palette> = {
  light: {
    background: "#ffffff",
    text: "#0f172a",
    muted: "#475569",
    edge: "#64748b",
    conditional: "#b45309",
    kinds: {
      step: { fill: "#ffffff", stroke: "#334155", text: "#0f172a" },
      start: { fill: "#dcfce7", stroke: "#15803d", text: "#14532d" },
      end: { fill: "#fee2e2", stroke: "#b91c1c", text: "#7f1d1d" },
      group: { fill: "#f1f5f9", stroke: "#94a3b8", text: "#334155" },
      dataset: { fill: "#e0f2fe", stroke: "#0369a1", text: "#0c4a6e" },
    },
  },
  dark: {
    background: "#0f172a",
    text: "#e2e8f0",
    muted: "#94a3b8",
    edge: "#94a3b8",
    conditional: "#fbbf24",
    kinds: {
      step: { fill: "#1e293b", stroke: "#cbd5e1", text: "#f1f5f9" },
      start: { fill: "#14532d", stroke: "#4ade80", text: "#dcfce7" },
      end: { fill: "#7f1d1d", stroke: "#f87171", text: "#fee2e2" },
      group: { fill: "#1e293b80", stroke: "#64748b", text: "#cbd5e1" },
      dataset: { fill: "#0c4a6e", stroke: "#38bdf8", text: "#e0f2fe" },
    },
  },
};

// Characters XML 1.0 forbids even escaped (C0 controls except tab, LF, CR; lone surrogates; U+FFFE/FFFF).
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Shortens a label to about `maxChars` characters (code points) with an ellipsis. */
export function truncateLabel(label: string, maxChars: number): string {
  const chars = Array.from(label);
  if (chars.length <= maxChars) return label;
  return `${chars.slice(0, Math.max(1, maxChars - 1)).join("")}…`;
}

/** Approximate characters that fit in `width` pixels of 12px sans-serif text. */
const charsFor = (width: number) => Math.max(3, Math.floor((width - 20) / 7));

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

function depthOf(id: string, layout: LayoutResult): number {
  let d = 0;
  for (let p = layout.nodes[id]?.parent ?? null; p !== null && d < 64; p = layout.nodes[p]?.parent ?? null) d++;
  return d;
}

/**
 * `graph` must be the graph that was laid out (after collapsing groups, if any): nodes
 * missing from `layout` and edges between them are skipped.
 */
export function toSvg(graph: WorkflowGraph, layout: LayoutResult, options: SvgOptions = {}): string {
  const theme = options.theme ?? "light";
  const palette = PALETTES[theme];
  const pad = options.padding ?? DEFAULT_PADDING;
  const showLabels = options.labels ?? true;
  const bounds = boundsOf(layout.nodes);
  const { width, height } = svgSize(layout, options);
  const ox = pad - bounds.x;
  const oy = pad - bounds.y;
  const title = options.title ?? `Workflow graph (${graph.dialect})`;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" font-family="ui-sans-serif, system-ui, sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<defs>${(["flow", "data", "conditional"] as const)
      .map(
        (kind) =>
          `<marker id="arrow-${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${EDGE_COLORS[theme][kind]}"/></marker>`,
      )
      .join("")}</defs>`,
    `<rect width="100%" height="100%" fill="${palette.background}"/>`,
    `<g transform="translate(${fmt(ox)},${fmt(oy)})">`,
  );

  const drawn: GraphNode[] = [];
  for (const n of graph.nodes) if (layout.nodes[n.id]) drawn.push(n);
  const hasChildren = new Set<string>();
  for (const n of drawn) if (n.parent !== null && layout.nodes[n.id]!.parent === n.parent) hasChildren.add(n.parent);
  const frames = drawn.filter((n) => hasChildren.has(n.id));
  frames.sort((a, b) => depthOf(a.id, layout) - depthOf(b.id, layout) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  // Frames (outermost first), then edges, then nodes on top.
  for (const g of frames) {
    const b = layout.nodes[g.id]!;
    const c = palette.kinds.group;
    out.push(
      `<g class="frame" data-id="${escapeXml(g.id)}"><rect x="${fmt(b.x)}" y="${fmt(b.y)}" width="${fmt(b.width)}" height="${fmt(b.height)}" rx="10" fill="${c.fill}" stroke="${c.stroke}" stroke-dasharray="6 3"/>`,
    );
    if (showLabels) {
      out.push(
        `<text x="${fmt(b.x + 12)}" y="${fmt(b.y + 22)}" fill="${c.text}" font-weight="600">${escapeXml(truncateLabel(g.label, charsFor(b.width)))}</text>`,
      );
    }
    out.push(`</g>`);
  }

  const labelled: Array<{ text: string; box: { x: number; y: number; width: number; height: number }; color: string }> = [];
  const drawnEdges = graph.edges.filter((e) => {
    const route = layout.edges[e.id];
    return route && route.path && layout.nodes[e.source] && layout.nodes[e.target];
  });
  const shared = sharedJunctions(drawnEdges.map((e) => layout.edges[e.id]!));
  const dots = new Map<string, { p: [number, number]; color: string }>();
  for (const e of drawnEdges) {
    const route = layout.edges[e.id]!;
    // The same look as the view's edge (node-style.ts): colour by kind, long dashes for back edges, dots for guesses.
    const look = edgeLook(e, route.back, theme);
    const color = look.color;
    const dash = look.dash ? ` stroke-dasharray="${look.dash}"` : "";
    const cls = route.back ? "edge back" : "edge";
    out.push(
      `<path class="${cls}" data-id="${escapeXml(e.id)}" d="${route.path}" fill="none" stroke="${color}" stroke-width="${look.width}"${dash} marker-end="url(#arrow-${e.kind})"/>`,
    );
    for (const p of route.junctions ?? []) {
      const k = junctionKey(p);
      if (shared.has(k) && !dots.has(k)) dots.set(k, { p, color });
    }
    const text = edgeLabelText(e);
    if (text && route.label && showLabels) labelled.push({ text, box: route.label, color });
  }
  for (const { p, color } of dots.values()) {
    out.push(`<circle class="junction" cx="${fmt(p[0])}" cy="${fmt(p[1])}" r="2.5" fill="${color}"/>`);
  }
  const labelColors = EDGE_LABEL_COLORS[theme];
  for (const { text, box, color } of labelled) {
    out.push(
      `<g class="edge-label"><rect x="${fmt(box.x)}" y="${fmt(box.y)}" width="${fmt(box.width)}" height="${fmt(box.height)}" rx="4" fill="${labelColors.fill}" stroke="${color}" stroke-width="0.75"/>`,
      `<text x="${fmt(box.x + box.width / 2)}" y="${fmt(box.y + box.height / 2 + 4)}" text-anchor="middle" fill="${labelColors.text}" font-size="11">${escapeXml(fitEdgeLabel(text, box.width))}</text></g>`,
    );
  }

  for (const n of drawn) {
    if (hasChildren.has(n.id)) continue;
    const b = layout.nodes[n.id]!;
    const c = n.kind === "group" ? palette.kinds.group : FAMILY_COLORS[theme][nodeFamily(n)];
    const rx = n.kind === "start" || n.kind === "end" ? b.height / 2 : n.kind === "dataset" ? 4 : 8;
    out.push(`<g class="node" data-id="${escapeXml(n.id)}">`);
    if (n.many) {
      for (const k of [2, 1]) {
        out.push(
          `<rect x="${fmt(b.x + k * STACK_OFFSET)}" y="${fmt(b.y - k * STACK_OFFSET)}" width="${fmt(b.width)}" height="${fmt(b.height)}" rx="${fmt(rx)}" fill="${c.fill}" stroke="${c.stroke}" opacity="${k === 2 ? 0.5 : 0.75}"/>`,
        );
      }
    }
    const dashed = n.kind === "group" ? ` stroke-dasharray="6 3"` : "";
    out.push(
      `<rect x="${fmt(b.x)}" y="${fmt(b.y)}" width="${fmt(b.width)}" height="${fmt(b.height)}" rx="${fmt(rx)}" fill="${c.fill}" stroke="${c.stroke}" stroke-width="1.5"${dashed}/>`,
    );
    if (showLabels) {
      const label = n.kind === "group" ? `▸ ${n.label}` : n.label;
      const subtitle = nodeSubtitle(n);
      const y = subtitle ? b.y + b.height / 2 - 1 : b.y + b.height / 2 + 4;
      out.push(
        `<text x="${fmt(b.x + b.width / 2)}" y="${fmt(y)}" text-anchor="middle" fill="${c.text}">${escapeXml(truncateLabel(label, charsFor(b.width)))}</text>`,
      );
      if (subtitle) {
        out.push(
          `<text class="subtitle" x="${fmt(b.x + b.width / 2)}" y="${fmt(y + 13)}" text-anchor="middle" fill="${c.text}" opacity="0.75" font-size="10">${escapeXml(truncateLabel(subtitle, charsFor(b.width) + 3))}</text>`,
        );
      }
    }
    out.push(`</g>`);
  }
  out.push(`</g></svg>`);
  return out.join("");
}

const DEFAULT_PADDING = 24;

/** The width and height (in px) of the SVG that `toSvg` makes for `layout`. */
export function svgSize(layout: LayoutResult, options: Pick<SvgOptions, "padding"> = {}): { width: number; height: number } {
  const pad = options.padding ?? DEFAULT_PADDING;
  const bounds = boundsOf(layout.nodes);
  return { width: Math.ceil(bounds.width + 2 * pad), height: Math.ceil(bounds.height + 2 * pad) };
}

/** A `data:` URL of an SVG string (for <img src> and for drawing onto a canvas). */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
