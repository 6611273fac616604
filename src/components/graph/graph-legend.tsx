"use client";

import { EDGE_STYLE_NAMES, FAMILY_NAMES, edgeDash, type EdgeStyleName } from "~/lib/graph-layout/node-style";
import { FAMILY_CLASSES, FamilyIcon, familyStyle } from "./family-look";
import type { LegendEntries } from "./legend";

function EdgeSample({ style }: { style: EdgeStyleName }) {
  const kind = style === "back" || style === "inferred" ? "flow" : style;
  const dash = edgeDash({ inferred: style === "inferred" }, style === "back");
  return (
    <svg viewBox="0 0 28 8" className="h-2 w-7 shrink-0" aria-hidden="true">
      <line
        x1="1"
        y1="4"
        x2="22"
        y2="4"
        stroke={`var(--wf-edge-${kind})`}
        strokeWidth="1.75"
        strokeDasharray={dash ?? undefined}
        strokeLinecap={style === "inferred" ? "round" : "butt"}
      />
      <path d="M21 1 27 4 21 7z" fill={`var(--wf-edge-${kind})`} />
    </svg>
  );
}

/**
 * What the colours and lines mean, for the node families and edge styles this drawing uses (nothing else). A strip
 * under the toolbar, so it never covers the drawing.
 */
export function GraphLegend({ entries }: { entries: LegendEntries }) {
  if (entries.families.length === 0 && entries.edges.length === 0) return null;
  return (
    <div
      role="region"
      aria-label="Legend"
      data-testid="graph-legend"
      className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-200 bg-white px-3 py-1.5 text-[11px] text-slate-700 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-300"
    >
      <ul className="contents" aria-label="Node kinds">
        {entries.families.map((family) => (
          <li key={family} className="inline-flex items-center gap-1" data-family={family}>
            <span
              aria-hidden="true"
              style={familyStyle(family)}
              className={`inline-flex h-3.5 w-5 items-center justify-center border-[1.5px] ${family === "start" || family === "end" ? "rounded-full" : "rounded-sm"} ${family === "group" ? "border-dashed" : ""} ${FAMILY_CLASSES}`}
            >
              <FamilyIcon family={family} className="h-2.5! w-2.5!" />
            </span>
            {FAMILY_NAMES[family]}
          </li>
        ))}
        {entries.mapped ? (
          <li className="inline-flex items-center gap-1" data-family="mapped">
            <span aria-hidden="true" className="rounded-full border border-current px-1 text-[9px] font-semibold">
              ×n
            </span>
            Mapped (many instances)
          </li>
        ) : null}
      </ul>
      {entries.edges.length > 0 ? <span aria-hidden="true" className="h-3 w-px bg-slate-300 dark:bg-slate-700" /> : null}
      <ul className="contents" aria-label="Edge styles">
        {entries.edges.map((style) => (
          <li key={style} className="inline-flex items-center gap-1" data-edge-style={style}>
            <EdgeSample style={style} />
            {EDGE_STYLE_NAMES[style]}
          </li>
        ))}
      </ul>
    </div>
  );
}
