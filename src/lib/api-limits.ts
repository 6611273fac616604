/**
 * Limits of the tRPC API that the browser's client and the server share. The server enforces them
 * (src/server/api/trpc-request.ts); the client keeps within them (src/trpc/react.tsx) so it is never refused.
 */

/** Calls in one tRPC batch request. */
export const TRPC_MAX_BATCH_CALLS = 10;

/** Calls of heavy procedures in one tRPC batch request. */
export const TRPC_MAX_HEAVY_CALLS_PER_BATCH = 2;

/**
 * Procedures whose one call does heavy work: the visualizer runs (a graph, a save's summary), code is copied, or a
 * password is hashed. The browser sends them one per request, never batched.
 */
export const HEAVY_PROCEDURES: ReadonlySet<string> = new Set([
  "workflow.graph",
  "workflow.save",
  "workflow.create",
  "workflow.update",
  "workflow.duplicate",
  "workflow.restore",
  "workflow.importFiles",
  "auth.register",
  "auth.changePassword",
]);
