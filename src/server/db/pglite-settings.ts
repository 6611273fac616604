/**
 * PostgreSQL's settings for the embedded database: PGlite's own start parameters, with `shared_buffers` at 32 MB
 * instead of PostgreSQL's 128 MB. PGlite's WebAssembly memory only grows, and the default buffer pool alone made a
 * bare PGlite peak ~400 MB under the benchmark's list/get load; at 32 MB it peaks ~300 MB, at no more CPU per query
 * (issue 13, docs/benchmarks.md "the list's profile"). The server's page cache still holds the files.
 */
export const PGLITE_SHARED_BUFFERS = "32MB";

/** PGlite's default start parameters with ours added (they replace the defaults when given). */
export async function pgliteStartParams(): Promise<string[]> {
  const { PGlite } = await import("@electric-sql/pglite");
  return [...PGlite.defaultStartParams, "-c", `shared_buffers=${PGLITE_SHARED_BUFFERS}`];
}
