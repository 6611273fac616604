"use client";

import { Handle, type NodeProps, type NodeTypes } from "@xyflow/react";
import { memo } from "react";
import { useGraphActions } from "./graph-context";
import type { FlowNode } from "./to-flow-elements";

const KIND_CLASSES: Record<string, string> = {
  step: "rounded-lg border-slate-700 bg-white text-slate-900 dark:border-slate-300 dark:bg-slate-800 dark:text-slate-100",
  start:
    "rounded-full border-green-700 bg-green-100 text-green-900 dark:border-green-400 dark:bg-green-900 dark:text-green-100",
  end: "rounded-full border-red-700 bg-red-100 text-red-900 dark:border-red-400 dark:bg-red-900 dark:text-red-100",
  dataset: "rounded border-sky-700 bg-sky-50 text-sky-900 dark:border-sky-400 dark:bg-sky-950 dark:text-sky-100",
  group:
    "rounded-lg border-dashed border-slate-400 bg-slate-100 text-slate-700 dark:border-slate-500 dark:bg-slate-800 dark:text-slate-200",
};

function stateRing(highlighted: boolean, matched: boolean): string {
  if (matched) return "ring-4 ring-amber-400 dark:ring-amber-300";
  if (highlighted) return "ring-4 ring-sky-500 dark:ring-sky-400";
  return "";
}

/** Invisible handles: nodes are not connectable, edges only need anchor points. */
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

/** Leaf nodes: step, start, end, dataset, and groups drawn without children (collapsed or empty). */
export const WorkflowNode = memo(function WorkflowNode({ id, data, sourcePosition, targetPosition }: NodeProps<FlowNode>) {
  const { label, kind, many, highlighted, matched, collapsible, collapsed, childCount } = data;
  const shape = KIND_CLASSES[kind] ?? KIND_CLASSES.step;
  return (
    <div className="relative h-full w-full">
      {many ? (
        <>
          <div aria-hidden="true" className={`absolute inset-0 translate-x-3 -translate-y-3 border opacity-50 ${shape}`} />
          <div aria-hidden="true" className={`absolute inset-0 translate-x-1.5 -translate-y-1.5 border opacity-75 ${shape}`} />
        </>
      ) : null}
      <div
        className={`relative flex h-full w-full items-center gap-2 border-[1.5px] px-3 text-xs font-medium shadow-sm ${shape} ${stateRing(highlighted, matched)}`}
        title={many ? `${label} (mapped: many instances)` : label}
      >
        {kind === "group" && collapsible ? <CollapseButton id={id} label={label} collapsed={collapsed} /> : null}
        <span className={`min-w-0 flex-1 truncate ${kind === "start" || kind === "end" ? "text-center" : ""}`}>{label}</span>
        {kind === "group" && collapsed ? (
          <span className="shrink-0 rounded bg-slate-200 px-1.5 text-[10px] text-slate-700 dark:bg-slate-700 dark:text-slate-200">
            {childCount}
          </span>
        ) : null}
        {many ? (
          <span className="shrink-0 text-[10px] opacity-70" aria-label="mapped task">
            ×n
          </span>
        ) : null}
      </div>
      <Handles sourcePosition={sourcePosition} targetPosition={targetPosition} />
    </div>
  );
});

/** A group drawn as a frame around its children, with its title and a collapse button. */
export const FrameNode = memo(function FrameNode({ id, data, sourcePosition, targetPosition }: NodeProps<FlowNode>) {
  const { label, highlighted, matched, collapsible } = data;
  return (
    <div
      className={`h-full w-full rounded-xl border-[1.5px] border-dashed border-slate-400 bg-slate-100/60 dark:border-slate-500 dark:bg-slate-800/40 ${stateRing(highlighted, matched)}`}
    >
      <div className="flex h-10 items-center gap-2 px-3 text-xs font-semibold text-slate-700 dark:text-slate-200" title={label}>
        {collapsible ? <CollapseButton id={id} label={label} collapsed={false} /> : null}
        <span className="min-w-0 truncate">{label}</span>
      </div>
      <Handles sourcePosition={sourcePosition} targetPosition={targetPosition} />
    </div>
  );
});

export const nodeTypes: NodeTypes = { workflow: WorkflowNode, frame: FrameNode };
