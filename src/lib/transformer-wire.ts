/**
 * How the one transformer (src/lib/transformer.ts) marks a value it sent through superjson, without superjson
 * itself: the browser checks a response for the mark and loads superjson only when one carries it
 * (src/trpc/superjson-link.ts, docs/decisions/107). Plain JSON — every list and workflow — is never wrapped.
 */
export const WRAPPED = "__superjson";

/** True when `value` is a superjson-wrapped value as the server sends it. */
export function isWrapped(value: unknown): value is Record<typeof WRAPPED, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && WRAPPED in value;
}
