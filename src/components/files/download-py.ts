/** Downloads a saved workflow as its `.py` file (the server names it; docs/decisions/078). */
export function downloadWorkflowFile(id: string): void {
  const link = document.createElement("a");
  link.href = `/api/workflows/${encodeURIComponent(id)}/download`;
  link.download = "";
  document.body.append(link);
  link.click();
  link.remove();
}
