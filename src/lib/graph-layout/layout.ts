import type { GraphEdge, WorkflowGraph } from "~/lib/visualizer/types";
import { boundsOf } from "./bounds";
import { backLinks } from "./cycles";
import { joinWaypoints, simplify, toPathAndPoints, type Pt, type Waypoints } from "./geometry";
import { layoutLayers, type Box, type LLink, type LNode, type LOut, type LPiece } from "./layered";
import { edgeLabelSize, edgeLabelText, GROUP_PADDING, leafSize } from "./node-size";
import { structureKey } from "./structure-key";
import type { EdgeRoute, LayoutDirection, LayoutResult, NodeBox } from "./types";

/*
 * Layout of a WorkflowGraph, group by group, with the route of every edge.
 *
 * Groups are laid out bottom-up, one layered layout per container (the top level, each group frame): a group's
 * children (leaves, and child groups already sized by their own layout) are laid out as one graph, and the group
 * becomes a box of that size plus padding in its parent's layout. An edge between two containers is lifted to the
 * container where its ends' ancestor lines meet (x in group A → y outside becomes A → y there); inside A it runs
 * from x to a point on A's frame (a boundary node of A's layout, on the bottom edge for an edge that goes down the
 * layers, on the top edge for one that closes a cycle), and the two pieces join through A's padding. Unlabelled
 * edges lifted to the same pair share that route from the frame on (a bundle, merging at the frame like a
 * junction); labelled ones keep their own. So routes start and end at the real nodes, cross only the frames of
 * their own ends, and stay clear of every other box (docs/decisions/029).
 *
 * Everything is computed in top-to-bottom space; LR swaps the axes at the end.
 *
 * Determinism: nodes and edges are sorted by id (and ends, label) before anything else.
 */

export interface LayoutOptions {
  direction: LayoutDirection;
  /** The result for the previous version of the graph, to keep positions stable. */
  previous?: LayoutResult | null;
}

export interface LayoutDeps {
  /** One container's layered layout (injected by tests to count calls). */
  layered?: typeof layoutLayers;
}

export { boundsOf };
// Re-exported: the browser imports it from ./structure-key, without the layout code (docs/decisions/083).
export { structureKey };

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function layoutGraph(graph: WorkflowGraph, options: LayoutOptions, deps: LayoutDeps = {}): LayoutResult {
  const key = structureKey(graph);
  const previous = options.previous ?? null;
  const sameDirection = previous !== null && previous.direction === options.direction;
  if (sameDirection && previous.structureKey === key && graph.edges.every((e) => previous.edges[e.id] !== undefined)) {
    return previous.origin === "reused" ? previous : { ...previous, origin: "reused" };
  }
  return compoundLayout(graph, options.direction, key, sameDirection ? previous : null, deps.layered ?? layoutLayers);
}

/** Valid parent of every node: an existing group, no cycles; anything else → top level. */
function resolveParents(graph: WorkflowGraph): Map<string, string | null> {
  const kindOf = new Map<string, string>();
  for (const n of graph.nodes) kindOf.set(n.id, n.kind);
  const declared = new Map<string, string | null>();
  for (const n of graph.nodes) {
    const p = n.parent;
    declared.set(n.id, p !== null && p !== n.id && kindOf.get(p) === "group" ? p : null);
  }
  const resolved = new Map<string, string | null>();
  for (const n of graph.nodes) {
    // Walk up; a cycle in the parent chain puts the node at the top level.
    let cursor = declared.get(n.id) ?? null;
    let steps = 0;
    while (cursor !== null && cursor !== n.id && steps <= graph.nodes.length) {
      cursor = declared.get(cursor) ?? null;
      steps++;
    }
    resolved.set(n.id, cursor === null ? (declared.get(n.id) ?? null) : null);
  }
  return resolved;
}

const ROOT = "\u0000root";
/** Graphs up to this many nodes are laid out a second time with their frames' crossing points ordered like the outside. */
const SECOND_RUN_MAX_NODES = 200;

/** A link of one container's layout. */
interface CLink {
  container: string;
  from: string; // child id or boundary id
  to: string;
  back: boolean;
  label: { w: number; h: number } | null;
  sSide: boolean;
  tSide: boolean;
  /** For an end on a child frame: the boundary node inside that frame whose position fixes the port. */
  sVia: string | null;
  tVia: string | null;
  concentrate: boolean;
  /** Index in its container's link list (set when the container is laid out). */
  index: number;
}

interface Boundary {
  id: string;
  container: string;
  role: "top" | "bottom";
}

/** How one graph edge is drawn: the links it runs through, in order. */
interface EdgePlan {
  edge: GraphEdge;
  links: string[]; // link keys, source side first
  /** The main link carrying the label and the back flag (null for edges to or from their own frame). */
  main: string | null;
  /** Start at / end on a frame border (edges between a group and its own descendants). */
  startFrame: { group: string; boundary: string } | null;
  endFrame: { group: string; boundary: string } | null;
  self: boolean;
}

interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

function compoundLayout(
  graph: WorkflowGraph,
  direction: LayoutDirection,
  key: string,
  previous: LayoutResult | null,
  layered: typeof layoutLayers,
): LayoutResult {
  const lr = direction === "LR";
  // Padding in top-to-bottom space: LR's title bar (real top) is the cross axis' start.
  const pad: Padding = lr
    ? { top: GROUP_PADDING.left, right: GROUP_PADDING.bottom, bottom: GROUP_PADDING.right, left: GROUP_PADDING.top }
    : { ...GROUP_PADDING };
  const parentOf = resolveParents(graph);
  const sortedNodes = graph.nodes.slice().sort((a, b) => byString(a.id, b.id));
  const kindOf = new Map<string, WorkflowGraph["nodes"][number]["kind"]>();
  for (const n of graph.nodes) kindOf.set(n.id, n.kind);

  const children = new Map<string, string[]>();
  children.set(ROOT, []);
  const depth = new Map<string, number>();
  const depthOf = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    const p = parentOf.get(id) ?? null;
    const d = p === null ? 0 : depthOf(p) + 1;
    depth.set(id, d);
    return d;
  };
  for (const n of sortedNodes) {
    const container = parentOf.get(n.id) ?? ROOT;
    let list = children.get(container);
    if (!list) children.set(container, (list = []));
    list.push(n.id);
    depthOf(n.id);
  }
  const containerOf = (id: string) => parentOf.get(id) ?? ROOT;
  const ancestors = (id: string): string[] => {
    const out = [id];
    for (let p = parentOf.get(id) ?? null; p !== null; p = parentOf.get(p) ?? null) out.push(p);
    return out;
  };

  /* ---- plan: links per container, boundary nodes, the links each edge runs through ---- */
  const links = new Map<string, CLink>();
  const boundaries = new Map<string, Boundary>();
  const boundariesOf = new Map<string, string[]>();
  const plans: EdgePlan[] = [];
  const addBoundary = (container: string, id: string, roleOf: "top" | "bottom") => {
    if (boundaries.has(id)) return;
    boundaries.set(id, { id, container, role: roleOf });
    let list = boundariesOf.get(container);
    if (!list) boundariesOf.set(container, (list = []));
    list.push(id);
  };
  const addLink = (k: string, link: Omit<CLink, "index">) => {
    if (!links.has(k)) links.set(k, { ...link, index: -1 });
  };

  const edges = graph.edges
    .filter((e) => parentOf.has(e.source) && parentOf.has(e.target))
    .sort(
      (a, b) =>
        byString(a.source, b.source) || byString(a.target, b.target) || byString(edgeLabelText(a) ?? "", edgeLabelText(b) ?? "") || byString(a.id, b.id),
    );
  // Main links first (their back flags decide how the frame crossings go), then the crossings.
  interface Pending {
    edge: GraphEdge;
    index: number;
    up: string[]; // s, parents… up to the child of the meeting container (source side)
    down: string[]; // t, parents… (target side)
    meeting: string;
    mainKey: string;
  }
  const pending: Pending[] = [];
  edges.forEach((edge, index) => {
    const s = edge.source;
    const t = edge.target;
    const labelBox = edgeLabelSize(edgeLabelText(edge));
    const label = labelBox ? (lr ? { w: labelBox.height, h: labelBox.width } : { w: labelBox.width, h: labelBox.height }) : null;
    if (s === t) {
      const k = `self#${index}`;
      addLink(k, { container: containerOf(s), from: s, to: s, back: true, label, sSide: true, tSide: true, sVia: null, tVia: null, concentrate: false });
      plans.push({ edge, links: [k], main: k, startFrame: null, endFrame: null, self: true });
      return;
    }
    const as = ancestors(s);
    const at = ancestors(t);
    if (as.includes(t) || at.includes(s)) {
      // An edge between a group and one of its own descendants: drawn inside the frame, to (from) its border.
      const outward = as.includes(t);
      const chain = outward ? as.slice(0, as.indexOf(t)) : at.slice(0, at.indexOf(s));
      const group = outward ? t : s;
      const linkKeys: string[] = [];
      let via: string | null = null;
      for (let i = 0; i < chain.length; i++) {
        const inner = chain[i]!;
        const container = i + 1 < chain.length ? chain[i + 1]! : group;
        const b = `${outward ? "out" : "in"}#${index}@${container}`;
        addBoundary(container, b, outward ? "bottom" : "top");
        const k = `frame#${index}@${container}`;
        if (outward) addLink(k, { container, from: inner, to: b, back: false, label: null, sSide: false, tSide: false, sVia: via, tVia: null, concentrate: false });
        else addLink(k, { container, from: b, to: inner, back: false, label: null, sSide: false, tSide: false, sVia: null, tVia: via, concentrate: false });
        linkKeys.push(k);
        via = b;
      }
      const last = `${outward ? "out" : "in"}#${index}@${group}`;
      plans.push({
        edge,
        links: outward ? linkKeys : linkKeys.reverse(),
        main: null,
        startFrame: outward ? null : { group, boundary: last },
        endFrame: outward ? { group, boundary: last } : null,
        self: false,
      });
      return;
    }
    // Lift both ends to the container where their ancestor lines meet.
    let i = 0;
    let j = 0;
    // Find the deepest common container: walk until parents match.
    const setT = new Set(at.map((x) => containerOf(x)));
    while (i < as.length - 1 && !setT.has(containerOf(as[i]!))) i++;
    const meeting = containerOf(as[i]!);
    while (j < at.length - 1 && containerOf(at[j]!) !== meeting) j++;
    const up = as.slice(0, i + 1);
    const down = at.slice(0, j + 1);
    const lifted = up.length > 1 || down.length > 1;
    const bundled = lifted && label === null;
    // A bundle: the unlabelled edges lifted to the same pair (an end that is the frame itself keeps its own trunk).
    const mainKey = bundled
      ? `bundle:${up[up.length - 1]}${up.length === 1 ? "!" : ""}\u0001${down[down.length - 1]}${down.length === 1 ? "!" : ""}`
      : `edge#${index}`;
    pending.push({ edge, index, up, down, meeting, mainKey });
    addLink(mainKey, {
      container: meeting,
      from: up[up.length - 1]!,
      to: down[down.length - 1]!,
      back: false,
      label,
      sSide: false,
      tSide: false,
      sVia: null,
      tVia: null,
      concentrate: !lifted && label === null,
    });
  });

  // Back flags per container, on its main links (self-loops aside).
  const mainByContainer = new Map<string, CLink[]>();
  const listed = new Set<string>();
  for (const p of pending) {
    if (listed.has(p.mainKey)) continue;
    listed.add(p.mainKey);
    const link = links.get(p.mainKey)!;
    let list = mainByContainer.get(link.container);
    if (!list) mainByContainer.set(link.container, (list = []));
    list.push(link);
  }
  for (const [container, list] of mainByContainer) {
    const ids = children.get(container) ?? [];
    const index = new Map<string, number>();
    ids.forEach((id, k) => index.set(id, k));
    const flags = backLinks(
      ids.length,
      list.map((l) => [index.get(l.from)!, index.get(l.to)!] as const),
    );
    list.forEach((l, k) => (l.back = flags[k]!));
  }

  // Frame crossings: a boundary node per (frame, main link), one link per (inner node, boundary) — shared by a bundle.
  for (const p of pending) {
    const main = links.get(p.mainKey)!;
    const linkKeys: string[] = [];
    let via: string | null = null;
    for (let i = 0; i + 1 < p.up.length; i++) {
      const container = p.up[i + 1]!;
      const b = `out:${p.mainKey}@${container}`;
      addBoundary(container, b, main.back ? "top" : "bottom");
      const k = `${b}<${p.up[i]}${i === 0 ? "!" : ""}`;
      addLink(k, {
        container,
        from: p.up[i]!,
        to: b,
        back: main.back,
        label: null,
        sSide: main.back && i === 0,
        tSide: false,
        sVia: via,
        tVia: null,
        concentrate: false,
      });
      linkKeys.push(k);
      via = b;
    }
    if (p.up.length > 1) main.sVia = `out:${p.mainKey}@${p.up[p.up.length - 1]}`;
    else main.sSide = main.back;
    linkKeys.push(p.mainKey);
    const after: string[] = [];
    via = null;
    for (let j = 0; j + 1 < p.down.length; j++) {
      const container = p.down[j + 1]!;
      const b = `in:${p.mainKey}@${container}`;
      addBoundary(container, b, main.back ? "bottom" : "top");
      const k = `${b}>${p.down[j]}${j === 0 ? "!" : ""}`;
      addLink(k, {
        container,
        from: b,
        to: p.down[j]!,
        back: main.back,
        label: null,
        sSide: false,
        tSide: main.back && j === 0,
        sVia: null,
        tVia: via,
        concentrate: false,
      });
      after.push(k);
      via = b;
    }
    if (p.down.length > 1) main.tVia = `in:${p.mainKey}@${p.down[p.down.length - 1]}`;
    else main.tSide = main.back;
    linkKeys.push(...after.reverse());
    plans.push({ edge: p.edge, links: linkKeys, main: p.mainKey, startFrame: null, endFrame: null, self: false });
  }

  /* ---- anchors from the previous drawing (cross axis, relative to the container's content) ---- */
  const anchor = new Map<string, number>();
  if (previous) {
    const crossCentre = (b: NodeBox) => (lr ? b.y + b.height / 2 : b.x + b.width / 2);
    const contentStart = (container: string): number | null => {
      if (container === ROOT) return lr ? previous.bounds.y : previous.bounds.x;
      const f = previous.nodes[container];
      if (!f) return null;
      return lr ? f.y + GROUP_PADDING.top : f.x + GROUP_PADDING.left;
    };
    for (const n of sortedNodes) {
      const before = previous.nodes[n.id];
      const container = containerOf(n.id);
      if (!before || (before.parent ?? ROOT) !== container) continue;
      const origin = contentStart(container);
      if (origin !== null) anchor.set(n.id, crossCentre(before) - origin);
    }
  }

  /* ---- bottom-up layouts ---- */
  const linksOf = new Map<string, string[]>();
  for (const [k, l] of links) {
    let list = linksOf.get(l.container);
    if (!list) linksOf.set(l.container, (list = []));
    list.push(k);
  }
  const containers = [...children.keys()].sort((a, b) => {
    const da = a === ROOT ? -1 : depth.get(a)!;
    const db = b === ROOT ? -1 : depth.get(b)!;
    return db - da || byString(a, b);
  });
  /** Every container's layered layout, bottom-up, then the boxes placed top-down. */
  const run = (hints: Map<string, number> | null) => {
    const sizeTB = new Map<string, [number, number]>();
    const out = new Map<string, { ids: string[]; result: LOut; linkKeys: string[] }>();
    const boundaryX = new Map<string, number>(); // boundary id → x inside its frame's box (TB space)
    let rootSize: [number, number] = [0, 0];
    let crossings = 0;
    for (const container of containers) {
      const ids = [...(children.get(container) ?? []), ...(boundariesOf.get(container) ?? [])];
      const index = new Map<string, number>();
      const lnodes: LNode[] = ids.map((id, k) => {
        index.set(id, k);
        const b = boundaries.get(id);
        if (b) return { w: 0, h: 0, role: b.role, hint: hints?.get(id) ?? null };
        let s = sizeTB.get(id);
        if (!s) {
          const leaf = leafSize(kindOf.get(id)!);
          s = lr ? [leaf.height, leaf.width] : [leaf.width, leaf.height];
          sizeTB.set(id, s);
        }
        return { w: s[0], h: s[1], role: "node", anchor: anchor.get(id) ?? null };
      });
      const linkKeys = linksOf.get(container) ?? [];
      const llinks: LLink[] = linkKeys.map((k, li) => {
        const l = links.get(k)!;
        l.index = li;
        return {
          s: index.get(l.from)!,
          t: index.get(l.to)!,
          back: l.back,
          label: l.label,
          sSide: l.sSide,
          tSide: l.tSide,
          sPort: l.sVia !== null ? boundaryX.get(l.sVia) : undefined,
          tPort: l.tVia !== null ? boundaryX.get(l.tVia) : undefined,
          concentrate: l.concentrate,
        };
      });
      const result = layered(lnodes, llinks);
      crossings += result.crossings;
      out.set(container, { ids, result, linkKeys });
      for (const b of boundariesOf.get(container) ?? []) boundaryX.set(b, pad.left + result.cx[index.get(b)!]!);
      if (container === ROOT) rootSize = [result.width, result.height];
      else sizeTB.set(container, [result.width + pad.left + pad.right, result.height + pad.top + pad.bottom]);
    }

    /* ---- top-down placement (TB space, absolute) ---- */
    const boxTB = new Map<string, Box>();
    const origin = new Map<string, [number, number]>(); // container → content origin
    origin.set(ROOT, [0, 0]);
    const place = (container: string) => {
      const [ox, oy] = origin.get(container)!;
      const entry = out.get(container);
      if (!entry) return;
      const { ids, result } = entry;
      for (let k = 0; k < ids.length; k++) {
        const id = ids[k]!;
        if (boundaries.has(id)) continue;
        const [w, h] = sizeTB.get(id)!;
        const box = { x: ox + result.cx[k]! - w / 2, y: oy + result.cy[k]! - h / 2, width: w, height: h };
        boxTB.set(id, box);
        if (out.has(id)) {
          origin.set(id, [box.x + pad.left, box.y + pad.top]);
          place(id);
        }
      }
    };
    place(ROOT);
    return { sizeTB, out, boundaryX, rootSize, boxTB, origin, crossings };
  };

  /**
   * Where each frame crossing point's edge goes outside its frame (cross axis, relative to the frame's content): the
   * first turn of the outside link's route away from the crossing point. A frame is laid out before its parent, so
   * the first run orders its crossing points by what is inside only; a second run orders them like the outside.
   */
  const hintsFrom = (first: ReturnType<typeof run>): Map<string, number> => {
    const hints = new Map<string, number>();
    for (const [, l] of links) {
      const entry = first.out.get(l.container);
      if (!entry) continue;
      const piece = entry.result.pieces[l.index];
      if (!piece || piece.points.length === 0) continue;
      const o = first.origin.get(l.container)!;
      for (const [via, fromStart] of [
        [l.sVia, true],
        [l.tVia, false],
      ] as const) {
        if (via === null) continue;
        const frame = boundaries.get(via)!.container;
        const fo = first.origin.get(frame);
        if (!fo) continue;
        const pts = piece.points;
        const end = fromStart ? pts[0]! : pts[pts.length - 1]!;
        let x = end[0];
        for (let k = 1; k < pts.length; k++) {
          const p = pts[fromStart ? k : pts.length - 1 - k]!;
          if (Math.abs(p[0] - end[0]) > 0.5) {
            x = p[0];
            break;
          }
        }
        hints.set(via, x + o[0] - fo[0]);
      }
    }
    return hints;
  };

  let laid = run(null);
  // The second run doubles the cost: only where it stays well within the speed target.
  if (boundaries.size > 0 && laid.crossings > 0 && graph.nodes.length <= SECOND_RUN_MAX_NODES) {
    const second = run(hintsFrom(laid));
    if (second.crossings < laid.crossings) laid = second;
  }
  const { out, boundaryX, rootSize, boxTB, origin } = laid;

  /* ---- keep the drawing where it was: shift so unchanged nodes stay put on the median ---- */
  let shiftX = 0;
  let shiftY = 0;
  let stable = false;
  if (previous) {
    const dxs: number[] = [];
    const dys: number[] = [];
    const common: string[] = [];
    for (const [id, b] of boxTB) {
      const before = previous.nodes[id];
      if (!before || (before.parent ?? ROOT) !== containerOf(id)) continue;
      const bt = lr ? { x: before.y, y: before.x, width: before.height, height: before.width } : before;
      if ((Math.abs(bt.width - b.width) > 0.01 || Math.abs(bt.height - b.height) > 0.01) && !out.has(id)) continue;
      if (!out.has(id)) common.push(id);
      dxs.push(bt.x - b.x);
      dys.push(bt.y - b.y);
    }
    if (dxs.length > 0) {
      shiftX = median(dxs);
      shiftY = median(dys);
      stable =
        common.length > 0 &&
        common.every((id) => {
          const b = boxTB.get(id)!;
          const before = previous.nodes[id]!;
          const bt = lr ? { x: before.y, y: before.x } : before;
          return Math.abs(b.x + shiftX - bt.x) < 0.5 && Math.abs(b.y + shiftY - bt.y) < 0.5;
        });
    }
  }
  const shiftPt = (p: Pt, o: [number, number]): Pt => [p[0] + o[0] + shiftX, p[1] + o[1] + shiftY];

  /* ---- routes ---- */
  const pieceOf = (k: string): { piece: LPiece; o: [number, number] } => {
    const l = links.get(k)!;
    const entry = out.get(l.container)!;
    return { piece: entry.result.pieces[l.index]!, o: origin.get(l.container)! };
  };
  const edgeRoutes: Record<string, EdgeRoute> = {};
  for (const plan of plans) {
    let w: Waypoints = { points: [], kinds: [] };
    const junctions: Pt[] = [];
    let label: Box | null = null;
    if (plan.startFrame) {
      const frame = boxTB.get(plan.startFrame.group)!;
      w = { points: [[frame.x + boundaryX.get(plan.startFrame.boundary)! + shiftX, frame.y + shiftY]], kinds: [] };
    }
    for (const k of plan.links) {
      const { piece, o } = pieceOf(k);
      w = joinWaypoints(w, { points: piece.points.map((p) => shiftPt(p, o)), kinds: piece.kinds });
      for (const p of piece.junctions) junctions.push(shiftPt(p, o));
      // A bundle's trunk (edges lifted to the same pair of frames) starts and ends where its members meet.
      if (k === plan.main && k.startsWith("bundle:") && piece.points.length > 0) {
        junctions.push(shiftPt(piece.points[0]!, o), shiftPt(piece.points[piece.points.length - 1]!, o));
      }
      if (k === plan.main && piece.label) {
        label = { ...piece.label, x: piece.label.x + o[0] + shiftX, y: piece.label.y + o[1] + shiftY };
      }
    }
    if (plan.endFrame) {
      const frame = boxTB.get(plan.endFrame.group)!;
      w = joinWaypoints(w, { points: [[frame.x + boundaryX.get(plan.endFrame.boundary)! + shiftX, frame.y + frame.height + shiftY]], kinds: [] });
    }
    const { path, points } = toPathAndPoints(simplify(w), direction);
    const route: EdgeRoute = {
      path,
      points,
      label: label === null ? null : lr ? { x: label.y, y: label.x, width: label.height, height: label.width } : label,
      back: plan.self || (plan.main !== null && links.get(plan.main)!.back),
    };
    if (junctions.length > 0) route.junctions = junctions.map((p) => (lr ? [p[1], p[0]] : p));
    edgeRoutes[plan.edge.id] = route;
  }
  /* ---- boxes in drawing space ---- */
  const nodes: Record<string, NodeBox> = {};
  for (const n of sortedNodes) {
    const b = boxTB.get(n.id);
    if (!b) continue;
    const x = b.x + shiftX;
    const y = b.y + shiftY;
    const parent = parentOf.get(n.id) ?? null;
    nodes[n.id] = lr ? { x: y, y: x, width: b.height, height: b.width, parent } : { x, y, width: b.width, height: b.height, parent };
  }
  const bounds = lr
    ? { x: shiftY, y: shiftX, width: rootSize[1], height: rootSize[0] }
    : { x: shiftX, y: shiftY, width: rootSize[0], height: rootSize[1] };
  return { direction, structureKey: key, nodes, edges: edgeRoutes, bounds, origin: previous ? (stable ? "stable" : "fresh") : "fresh" };
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  values.sort((a, b) => a - b);
  return values[values.length >> 1]!;
}
