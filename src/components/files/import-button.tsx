"use client";

import { useRef, useState } from "react";
import { toast } from "~/components/ui/toast";
import { buttonClass } from "~/components/ui/button";
import type { ImportResult, ImportSummary } from "~/lib/validation/history-output";
import { MAX_IMPORT_FILES } from "~/lib/workflow-files";
import { useFileDrop } from "./use-file-drop";

type Refused = Extract<ImportResult, { ok: false }>;

/** Sends `.py` files and exported `.zip` archives to `POST /api/workflows/import` (the session cookie signs the request). */
export async function importPyFiles(files: readonly File[]): Promise<ImportSummary> {
  const form = new FormData();
  for (const file of files.slice(0, MAX_IMPORT_FILES)) form.append("files", file, file.name);
  const response = await fetch("/api/workflows/import", { method: "POST", body: form, credentials: "same-origin" });
  const body = (await response.json().catch(() => null)) as (ImportSummary & { error?: { message: string } }) | null;
  if (!response.ok || !body || body.error) throw new Error(body?.error?.message ?? "The import failed. Try again.");
  return body;
}

const SHOWN_REASONS = 3;

/** "3 imported, 2 already there, 1 refused (x.py: too large)" — the per-file outcome in one line. */
export function describeImport(summary: ImportSummary): string {
  const refused = summary.results.filter((result): result is Refused => !result.ok);
  const head = `${summary.imported} imported${summary.skipped ? `, ${summary.skipped} already there` : ""}`;
  if (refused.length === 0) return head;
  const reasons = refused.slice(0, SHOWN_REASONS).map((result) => `${result.filename}: ${result.error?.message ?? "refused"}`);
  if (refused.length > SHOWN_REASONS) reasons.push(`and ${refused.length - SHOWN_REASONS} more`);
  return `${head}, ${refused.length} refused (${reasons.join("; ")})`;
}

export interface ImportButtonProps {
  onImported?(): void;
  className?: string;
  /** Files dragged onto the page are imported too (the dashboard), with an overlay that says so while dragging. */
  acceptDrops?: boolean;
}

/**
 * A button that picks `.py` files (each a new workflow) or exported `.zip` archives (each entry, unless already there);
 * with `acceptDrops`, files dropped anywhere on the page go the same way.
 */
export function ImportButton({ onImported, className = buttonClass("secondary"), acceptDrops = false }: ImportButtonProps) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const dragging = useFileDrop(acceptDrops && !busy, (files) => void importFiles(files));

  async function importFiles(files: File[]) {
    if (files.length === 0) return;
    setBusy(true);
    try {
      const summary = await importPyFiles(files);
      (summary.refused > 0 ? toast.warning : toast.success)(describeImport(summary));
      onImported?.();
    } catch (error) {
      toast.error((error as Error).message);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = "";
    }
  }

  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".py,.zip,text/x-python,application/zip"
        multiple
        hidden
        data-testid="import-input"
        onChange={(event) => void importFiles([...(event.target.files ?? [])])}
      />
      <button type="button" className={className} disabled={busy} onClick={() => input.current?.click()}>
        {busy ? "Importing…" : "Import .py / .zip"}
      </button>
      {dragging ? (
        // What the drop will do; the button above is the keyboard's and screen reader's way to the same import.
        <div
          aria-hidden="true"
          data-testid="import-drop-overlay"
          className="pointer-events-none fixed inset-0 z-50 flex items-center justify-center border-4 border-dashed border-indigo-500 bg-indigo-50/85 dark:bg-slate-950/85"
        >
          <p className="rounded-lg bg-white px-5 py-3 text-base font-medium text-slate-900 shadow dark:bg-slate-900 dark:text-slate-100">
            Drop .py or .zip files to import them
          </p>
        </div>
      ) : null}
    </>
  );
}
