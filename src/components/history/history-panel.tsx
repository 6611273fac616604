"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { GraphThumbnail } from "~/components/graph/graph-thumbnail";
import { buttonClass } from "~/components/ui/button";
import { Dialog } from "~/components/ui/dialog";
import { visualize } from "~/lib/visualizer";
import { api } from "~/trpc/react";

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

export function relativeTime(iso: string, now = Date.now()): string {
  const ms = Date.parse(iso) - now;
  for (const [unit, size] of UNITS) if (Math.abs(ms) >= size) return relative.format(Math.round(ms / size), unit);
  return "just now";
}

const kib = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`);

/** A side-by-side diff of a version against the current code; @codemirror/merge loads only when a diff is shown. */
function VersionDiff({ before, after }: { before: string; after: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let destroy: (() => void) | undefined;
    void Promise.all([import("@codemirror/merge"), import("@codemirror/view"), import("@codemirror/state")]).then(
      ([{ MergeView }, { EditorView }, { EditorState }]) => {
        if (disposed || !host.current) return;
        const readOnly = [EditorView.editable.of(false), EditorState.readOnly.of(true), EditorView.lineWrapping];
        const view = new MergeView({
          a: { doc: before, extensions: readOnly },
          b: { doc: after, extensions: readOnly },
          parent: host.current,
          collapseUnchanged: { margin: 3, minSize: 6 },
        });
        destroy = () => view.destroy();
      },
    );
    return () => {
      disposed = true;
      destroy?.();
    };
  }, [before, after]);
  return <div ref={host} data-testid="history-diff" className="max-h-80 overflow-auto rounded border border-slate-200 text-xs dark:border-slate-800" />;
}

/**
 * The editor's History panel (docs/decisions/075): the versions of a saved workflow, newest first; one selected
 * shows its code read-only, its graph and a diff against the current code; "Restore this version" hands its code to
 * the editor, which saves it through the normal save (so a conflict gets the conflict dialog).
 */
export function HistoryPanel({
  workflowId,
  getCurrentCode,
  open,
  onClose,
  onRestore,
}: {
  workflowId: string;
  /** The editor's code now (read when the panel opens). */
  getCurrentCode: () => string;
  open: boolean;
  onClose: () => void;
  onRestore: (code: string) => void;
}) {
  const versions = api.workflow.versions.useQuery({ id: workflowId, limit: 100 }, { enabled: open });
  const [selected, setSelected] = useState<number | null>(null);
  const version = api.workflow.version.useQuery({ id: workflowId, version: selected ?? 1 }, { enabled: open && selected !== null });
  const graph = useMemo(() => (version.data ? visualize(version.data.code) : null), [version.data]);
  const shown = selected !== null ? version.data : undefined;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- read once each time the panel opens
  const currentCode = useMemo(() => (open ? getCurrentCode() : ""), [open]);

  return (
    <Dialog open={open} onClose={onClose} title="History" description="Every save that changed the code, newest first." className="max-w-5xl">
      <div className="flex max-h-[70vh] min-h-0 flex-col gap-4 md:flex-row">
        <ol aria-label="Versions" className="flex min-w-56 flex-col gap-1 overflow-auto md:w-64">
          {versions.isPending ? <li className="text-sm text-slate-500">Loading…</li> : null}
          {versions.isError ? <li role="alert">Could not load the history: {versions.error.message}</li> : null}
          {versions.data?.items.map((item) => (
            <li key={item.version}>
              <button
                type="button"
                data-testid="history-version"
                aria-pressed={selected === item.version}
                onClick={() => setSelected(item.version)}
                className="w-full rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100 aria-pressed:bg-indigo-50 dark:hover:bg-slate-800 dark:aria-pressed:bg-indigo-950"
              >
                <span className="font-medium">{relativeTime(item.savedAt)}</span>
                {item.current ? <span className="ml-2 rounded bg-emerald-100 px-1.5 text-xs text-emerald-800">current</span> : null}
                <span className="block text-xs text-slate-500">
                  v{item.version} · {kib(item.size.bytes)} · {item.graph.nodes === null ? "large graph" : `${item.graph.nodes} nodes`}
                </span>
              </button>
            </li>
          ))}
        </ol>
        <div className="flex min-w-0 flex-1 flex-col gap-3 overflow-auto">
          {selected === null ? <p className="text-sm text-slate-500">Choose a version to see its code, its graph and what changed since.</p> : null}
          {selected !== null && version.isPending ? <p className="text-sm text-slate-500">Loading…</p> : null}
          {shown ? (
            <>
              <div className="flex items-center justify-between gap-2">
                <p className="text-sm font-medium">
                  Version {shown.version} · “{shown.name}”
                </p>
                <button
                  type="button"
                  className={buttonClass("primary")}
                  disabled={shown.current || shown.code === currentCode}
                  onClick={() => {
                    onRestore(shown.code);
                    onClose();
                  }}
                >
                  Restore this version
                </button>
              </div>
              <pre data-testid="history-code" className="max-h-48 overflow-auto rounded bg-slate-50 p-2 text-xs dark:bg-slate-900" aria-label="Code of this version">
                {shown.code}
              </pre>
              {graph && graph.nodes.length > 0 ? (
                <div className="h-48 rounded border border-slate-200 dark:border-slate-800">
                  <GraphThumbnail graph={graph} alt={`Graph of version ${shown.version}`} />
                </div>
              ) : null}
              <p className="text-xs text-slate-500">This version (left) against the current code (right):</p>
              <VersionDiff before={shown.code} after={currentCode} />
            </>
          ) : null}
        </div>
      </div>
      <div className="mt-4 flex justify-end">
        <button type="button" className={buttonClass("secondary")} onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
