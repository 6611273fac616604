"use client";

import { Handle, type NodeProps, type NodeTypes } from "@xyflow/react";
import { memo } from "react";
import { FAMILY_CLASSES, FamilyIcon, familyStyle } from "./family-look";
import { useGraphActions } from "./graph-context";
import type { FlowNode } from "./to-flow-elements";

const SHAPE: Record<string, string> = {
  step: "rounded-lg",
  start: "rounded-full",
  end: "rounded-full",
  dataset: "rounded-md",
  group: "rounded-lg border-dashed",
};

function stateRing(highlighted: boolean, matched: boolean, selected: boolean): string {
  if (matched) return "ring-4 ring-amber-400 dark:ring-amber-300";
  if (selected) return "ring-4 ring-indigo-500 dark:ring-indigo-400";
  if (highlighted) return "ring-4 ring-sky-500 dark:ring-sky-400";
  return "";
}

/** Invisible handles: nodes are not connectable and edges draw the layout's routes, so these only satisfy React Flow. */
function Handles({ sourcePosition, targetPosition }: Pick<NodeProps<FlowNode>, "sourcePosition" | "targetPosition">) {
  return (
    <>
      <Handle type="target" position={targetPosition!} isConnectable={false} className="pointer-events-none! opacity-0!" />
      <Handle type="source" position={sourcePosition!} isConnectable={false} className="pointer-events-none! opacity-0!" />
    </>
  );
}

function CollapseButton({ id, label, collapsed }: { id: string; label: string; collapsed: boolean }) {
  const { toggleGroup } = useGraphActions();
  return (
    <button
      type="button"
      className="nodrag nopan inline-flex h-6 w-6 shrink-0 items-center justify-center rounded border border-slate-400 bg-white text-xs text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-500 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-700"
      aria-label={`${collapsed ? "Expand" : "Collapse"} group ${label}`}
      aria-expanded={!collapsed}
      title={collapsed ? "Expand group" : "Collapse group"}
      onClick={(event) => {
        event.stopPropagation();
        toggleGroup(id);
      }}
    >
      <span aria-hidden="true">{collapsed ? "+" : "−"}</span>
    </button>
  );
}

/**
 * Leaf nodes: steps coloured by family with their operator class or function underneath, START/END pills,
 * datasets, mapped tasks as a stack with a `×n` badge, and groups drawn without children (collapsed, with the
 * number of nodes inside).
 */
export const WorkflowNode = memo(function WorkflowNode({ id, data, sourcePosition, targetPosition }: NodeProps<FlowNode>) {
  const { label, kind, family, subtitle, many, highlighted, matched, selected, collapsible, collapsed, childCount } = data;
  const shape = SHAPE[kind] ?? SHAPE.step;
  const colours = `${FAMILY_CLASSES} ${shape}`;
  const pill = kind === "start" || kind === "end";
  return (
    <div className="relative h-full w-full" style={familyStyle(family)}>
      {many ? (
        <>
          <div aria-hidden="true" className={`absolute inset-0 translate-x-3 -translate-y-3 border opacity-50 ${colours}`} />
          <div aria-hidden="true" className={`absolute inset-0 translate-x-1.5 -translate-y-1.5 border opacity-75 ${colours}`} />
        </>
      ) : null}
      <div
        className={`relative flex h-full w-full items-center gap-2 border-[1.5px] px-3 shadow-sm ${colours} ${
          family === "subgraph" ? "outline-[1.5px] -outline-offset-[5px] outline-(--wf-stroke-l) outline-solid dark:outline-(--wf-stroke-d)" : ""
        } ${stateRing(highlighted, matched, selected)}`}
        title={subtitle ? `${label} — ${subtitle}` : label}
      >
        {kind === "group" && collapsible ? <CollapseButton id={id} label={label} collapsed={collapsed} /> : null}
        {!pill ? <FamilyIcon family={family} /> : null}
        <span className={`flex min-w-0 flex-1 flex-col leading-tight ${pill ? "items-center" : ""}`}>
          <span className={`truncate text-xs font-semibold ${pill ? "tracking-wide" : ""}`}>{label}</span>
          {subtitle ? <span className="truncate text-[10px] opacity-80">{subtitle}</span> : null}
        </span>
        {kind === "group" && collapsed ? (
          <span
            className="shrink-0 rounded-full bg-slate-200 px-1.5 text-[10px] font-semibold text-slate-700 dark:bg-slate-700 dark:text-slate-200"
            title={`${childCount} nodes inside`}
          >
            {childCount}
          </span>
        ) : null}
        {many ? (
          <span
            className="shrink-0 rounded-full border border-current px-1.5 text-[10px] font-semibold"
            title="Mapped: runs as many instances"
          >
            ×n
          </span>
        ) : null}
      </div>
      <Handles sourcePosition={sourcePosition} targetPosition={targetPosition} />
    </div>
  );
});

/** A group drawn as a frame around its children, with its title, what it is, and a collapse button. */
export const FrameNode = memo(function FrameNode({ id, data, sourcePosition, targetPosition }: NodeProps<FlowNode>) {
  const { label, subtitle, highlighted, matched, selected, collapsible, childCount } = data;
  return (
    <div
      className={`h-full w-full rounded-xl border-[1.5px] border-dashed border-slate-400 bg-slate-100/60 dark:border-slate-500 dark:bg-slate-800/40 ${stateRing(highlighted, matched, selected)}`}
    >
      <div className="flex h-10 items-center gap-2 px-3 text-xs font-semibold text-slate-700 dark:text-slate-200" title={label}>
        {collapsible ? <CollapseButton id={id} label={label} collapsed={false} /> : null}
        <span className="min-w-0 truncate">{label}</span>
        {subtitle ? <span className="min-w-0 truncate font-normal opacity-75">{subtitle}</span> : null}
        <span className="ml-auto shrink-0 font-normal text-slate-500 dark:text-slate-400">{childCount} nodes</span>
      </div>
      <Handles sourcePosition={sourcePosition} targetPosition={targetPosition} />
    </div>
  );
});

export const nodeTypes: NodeTypes = { workflow: WorkflowNode, frame: FrameNode };
