"use client";

import { BaseEdge, type EdgeProps, type EdgeTypes } from "@xyflow/react";
import { memo } from "react";
import { EDGE_WIDTH, edgeDash } from "~/lib/graph-layout/node-style";
import { labelBoxAt, pointAtHalf, shortenLabel } from "./edge-geometry";
import type { FlowEdge } from "./to-flow-elements";

/**
 * An edge drawn exactly as the layout routed it: `route.path` (the same path the SVG export writes, never React
 * Flow's own curve between handles), the arrow at its end, and its label in the layout's label box. Colour by kind
 * (flow, data, conditional), long dashes for back edges, dots for inferred ones.
 */
export const RoutedEdge = memo(function RoutedEdge({ id, data, markerEnd }: EdgeProps<FlowEdge>) {
  if (!data) return null;
  const { route, kind, inferred, labelText } = data;
  const dash = edgeDash({ inferred }, route.back);
  const box = labelText ? (route.label ?? labelBoxAt(pointAtHalf(route.points), labelText)) : null;
  // Where the router merged this edge with others on purpose (a dense join), a dot marks the junction, as in the
  // export. (Older layouts have no junctions.)
  const junctions = (route as { junctions?: ReadonlyArray<readonly [number, number]> }).junctions ?? [];
  return (
    <>
      <BaseEdge
        id={id}
        path={route.path}
        markerEnd={markerEnd}
        interactionWidth={10}
        style={{
          stroke: `var(--wf-edge-${kind})`,
          strokeWidth: EDGE_WIDTH[kind],
          ...(dash ? { strokeDasharray: dash, strokeLinecap: inferred ? "round" : "butt" } : {}),
        }}
      />
      {junctions.map(([x, y]) => (
        <circle key={`${x},${y}`} className="wf-junction" cx={x} cy={y} r={2.5} fill={`var(--wf-edge-${kind})`} />
      ))}
      {labelText && box ? (
        <g className="wf-edge-label" transform={`translate(${box.x} ${box.y})`} aria-hidden="true">
          <rect
            width={box.width}
            height={box.height}
            rx={4}
            fill="var(--wf-bg)"
            stroke={`var(--wf-edge-${kind})`}
            strokeWidth={0.75}
            strokeDasharray={route.back ? "3 2" : undefined}
          />
          <text
            x={box.width / 2}
            y={box.height / 2}
            dominantBaseline="central"
            textAnchor="middle"
            fontSize={11}
            fill="var(--wf-text)"
          >
            {shortenLabel(labelText, box.width)}
          </text>
        </g>
      ) : null}
    </>
  );
});

export const edgeTypes: EdgeTypes = { routed: RoutedEdge };
