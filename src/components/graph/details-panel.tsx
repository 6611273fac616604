"use client";

import { useId, type ReactNode, type Ref } from "react";
import type { SourceSpan } from "~/lib/visualizer/types";
import { FAMILY_CLASSES, FamilyIcon, familyStyle } from "./family-look";
import type { NodeDetails } from "./node-details";

export interface DetailsPanelProps {
  details: NodeDetails;
  /** Go to the code (select it in the editor). */
  onSelectSpan?: (span: SourceSpan) => void;
  onClose(): void;
  /** Whether everything outside the node's lineage is dimmed. */
  focusMode: boolean;
  onToggleFocusMode(): void;
  ref?: Ref<HTMLElement>;
}

const LINK =
  "rounded text-indigo-700 underline decoration-indigo-300 underline-offset-2 hover:decoration-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-500 dark:text-indigo-300 dark:decoration-indigo-700";

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-[11px] font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">{term}</dt>
      <dd className="text-xs text-slate-800 dark:text-slate-100">{children}</dd>
    </div>
  );
}

function Names({ names }: { names: string[] }) {
  return (
    <ul className="flex flex-wrap gap-1">
      {names.map((name) => (
        <li key={name} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] dark:bg-slate-800">
          {name}
        </li>
      ))}
    </ul>
  );
}

function lineText(span: SourceSpan): string {
  return span.endLine > span.startLine ? `lines ${span.startLine}–${span.endLine}` : `line ${span.startLine}`;
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

/**
 * What a node is, where its code is, what it reads and writes, and how much runs before and after it. Opened by a
 * click or Enter on a node; Escape or the close button closes it. Not modal: the graph stays usable beside it.
 */
export function DetailsPanel({ details, onSelectSpan, onClose, focusMode, onToggleFocusMode, ref }: DetailsPanelProps) {
  const titleId = useId();
  const d = details;
  return (
    <aside
      ref={ref}
      tabIndex={-1}
      aria-labelledby={titleId}
      data-testid="node-details"
      className="flex w-64 shrink-0 flex-col gap-3 overflow-y-auto border-l border-slate-200 bg-white p-3 outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-inset dark:border-slate-700 dark:bg-slate-950"
    >
      <div className="flex items-start gap-2">
        <span
          aria-hidden="true"
          style={familyStyle(d.family)}
          className={`mt-0.5 inline-flex h-6 w-6 shrink-0 items-center justify-center rounded border-[1.5px] ${FAMILY_CLASSES}`}
        >
          <FamilyIcon family={d.family} />
        </span>
        <div className="min-w-0 flex-1">
          <h2 id={titleId} className="truncate text-sm font-semibold text-slate-900 dark:text-white" title={d.label}>
            {d.label}
          </h2>
          <p className="text-xs text-slate-600 dark:text-slate-400">{d.kindName}</p>
        </div>
        <button
          type="button"
          onClick={onClose}
          aria-label="Close details"
          title="Close (Esc)"
          className="inline-flex h-6 w-6 shrink-0 items-center justify-center rounded text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-500 dark:hover:bg-slate-800 dark:hover:text-white"
        >
          <span aria-hidden="true">×</span>
        </button>
      </div>
      {d.doc ? <p className="text-xs text-slate-700 italic dark:text-slate-300">{d.doc}</p> : null}
      <dl className="flex flex-col gap-2.5">
        {d.detail ? (
          <Row term={d.detailTerm}>
            <code className="font-mono text-[11px]">{d.detail}</code>
          </Row>
        ) : null}
        {d.definition ? (
          <Row term="Defined at">
            <button type="button" className={LINK} onClick={() => onSelectSpan?.(d.definition!)}>
              {lineText(d.definition)}
            </button>
          </Row>
        ) : null}
        {d.source ? (
          <Row term={d.definition ? "Added to the graph at" : "Defined at"}>
            <button type="button" className={LINK} onClick={() => onSelectSpan?.(d.source!)}>
              {lineText(d.source)}
            </button>
          </Row>
        ) : null}
        {d.inputs.length > 0 ? (
          <Row term="Inputs">
            <Names names={d.inputs} />
          </Row>
        ) : null}
        {d.outputs.length > 0 ? (
          <Row term="Outputs">
            <Names names={d.outputs} />
          </Row>
        ) : null}
        {d.many ? <Row term="Mapped">Runs as many instances (×n)</Row> : null}
        {d.inside > 0 ? <Row term="Inside">{count(d.inside, "node")}</Row> : null}
        <Row term="Upstream">
          <span data-testid="details-upstream">
            {count(d.upstream.direct, "direct input")}
            {d.upstream.all !== d.upstream.direct ? `, ${d.upstream.all} in all` : ""}
          </span>
        </Row>
        <Row term="Downstream">
          <span data-testid="details-downstream">
            {count(d.downstream.direct, "direct output")}
            {d.downstream.all !== d.downstream.direct ? `, ${d.downstream.all} in all` : ""}
          </span>
        </Row>
      </dl>
      <button
        type="button"
        aria-pressed={focusMode}
        onClick={onToggleFocusMode}
        className="mt-auto inline-flex h-8 items-center justify-center gap-1 rounded-md border border-slate-300 bg-white px-2.5 text-xs font-medium text-slate-800 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 aria-pressed:border-indigo-400 aria-pressed:bg-indigo-50 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:aria-pressed:bg-indigo-950"
      >
        Focus on lineage
      </button>
      <p className="text-[11px] text-slate-500 dark:text-slate-400">Esc closes the details and leaves focus mode.</p>
    </aside>
  );
}
