import type { CSSProperties, ReactNode } from "react";
import { FAMILY_COLORS, type NodeFamily } from "~/lib/graph-layout/node-style";

/**
 * A family's colours as CSS variables for both themes; `FAMILY_CLASSES` picks the theme's by the `dark:` variant
 * (the system's colour scheme), so a server-rendered node is already right in dark mode.
 */
export function familyStyle(family: NodeFamily): CSSProperties {
  const light = FAMILY_COLORS.light[family];
  const dark = FAMILY_COLORS.dark[family];
  return {
    "--wf-fill-l": light.fill,
    "--wf-stroke-l": light.stroke,
    "--wf-ink-l": light.text,
    "--wf-fill-d": dark.fill,
    "--wf-stroke-d": dark.stroke,
    "--wf-ink-d": dark.text,
  } as CSSProperties;
}

export const FAMILY_CLASSES =
  "bg-(--wf-fill-l) border-(--wf-stroke-l) text-(--wf-ink-l) dark:bg-(--wf-fill-d) dark:border-(--wf-stroke-d) dark:text-(--wf-ink-d)";

const ICON_PATHS: Partial<Record<NodeFamily, ReactNode>> = {
  // A wrench.
  tools: <path d="M10.5 2.5a3 3 0 0 0-2.8 4L2.5 11.7l1.8 1.8 5.2-5.2a3 3 0 0 0 4-2.8l-1.9 1.1-1.6-1.6z" />,
  // A spark: the model call.
  agent: <path d="M8 1.5 9.4 6.6 14.5 8 9.4 9.4 8 14.5 6.6 9.4 1.5 8 6.6 6.6z" />,
  // Nested boxes.
  subgraph: (
    <>
      <rect x="1.5" y="1.5" width="13" height="13" rx="2" />
      <rect x="5" y="5" width="6" height="6" rx="1" />
    </>
  ),
  // A cylinder.
  dataset: (
    <>
      <ellipse cx="8" cy="3.5" rx="5.5" ry="2" />
      <path d="M2.5 3.5v9c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2v-9" />
      <path d="M2.5 8c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2" />
    </>
  ),
  // A cube.
  asset: (
    <>
      <path d="M8 1.5 14 4.8v6.4L8 14.5 2 11.2V4.8z" />
      <path d="M2 4.8 8 8l6-3.2M8 8v6.5" />
    </>
  ),
  // A fork.
  branch: <path d="M4 2v4.5c0 2 4 2 4 4V14M12 2v4.5c0 2-4 2-4 4" />,
  // Waves: waiting for something.
  sensor: <path d="M3 11a7 7 0 0 1 10 0M5 8.6a4 4 0 0 1 6 0M7.2 6.5a1.2 1.2 0 0 1 1.6 0" />,
  // A prompt.
  bash: <path d="M2.5 4 6.5 8l-4 4M8 12.5h5.5" />,
  // Braces.
  python: <path d="M6 2.5c-2 0-2 1-2 2.5S3.5 7.5 2 8c1.5.5 2 1.5 2 3s0 2.5 2 2.5M10 2.5c2 0 2 1 2 2.5s.5 2.5 2 3c-1.5.5-2 1.5-2 3s0 2.5-2 2.5" />,
  // A table.
  sql: (
    <>
      <rect x="2" y="2.5" width="12" height="11" rx="1.5" />
      <path d="M2 6.5h12M2 10h12M6.5 6.5v7" />
    </>
  ),
  // Two arrows.
  transfer: <path d="M2.5 5.5h10l-2.5-2.5M13.5 10.5h-10l2.5 2.5" />,
  // Stacked layers: a flow of tasks.
  flow: <path d="M8 2 14 5 8 8 2 5zM2 8l6 3 6-3M2 11l6 3 6-3" />,
};

/** A small line icon for the families that have one (tool node, dataset, sensor…); nothing for plain steps. */
export function FamilyIcon({ family, className = "" }: { family: NodeFamily; className?: string }) {
  const paths = ICON_PATHS[family];
  if (!paths) return null;
  return (
    <svg
      viewBox="0 0 16 16"
      aria-hidden="true"
      className={`h-3.5 w-3.5 shrink-0 ${className}`}
      fill="none"
      stroke="currentColor"
      strokeWidth="1.4"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {paths}
    </svg>
  );
}
