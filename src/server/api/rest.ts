/**
 * REST routes are thin adapters over the tRPC procedures: the same context (session cookie or Bearer token),
 * the same validation, the same implementation, and errors in the one shape — all through `route()`.
 */
import { AppError } from "../errors/app-error";
import { type Reply, type RouteArgs, type NodeRoute, route } from "../http/route";
import type { InnerContext } from "./context";
import { createCaller } from "./root";

export type Caller = ReturnType<typeof createCaller>;

export interface RestArgs<P> extends RouteArgs<P> {
  caller: Caller;
  ctx: InnerContext;
  requestId: string;
}

/** A route whose handler calls procedures as the request's user (and answers JSON, or writes a file itself). */
export function restRoute<P = Record<string, never>>(handle: (args: RestArgs<P>) => Promise<Reply | void>): NodeRoute<P> {
  return route<P>(async (args) => {
    const ctx = await args.authenticate();
    return handle({ ...args, ctx, caller: createCaller(ctx), requestId: args.request.requestId });
  });
}

/** Hands an untrusted value to a procedure, whose own zod input schema validates it (one validation). */
export function untrusted<T>(value: unknown): T {
  return value as T;
}

/** A JSON object body, read with a size limit that stops reading past it (see readNodeJsonBody). */
export async function readJsonObject(args: Pick<RouteArgs<unknown>, "json">, maxBytes: number): Promise<Record<string, unknown>> {
  const body = await args.json(maxBytes);
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new AppError("BAD_REQUEST", "The request body must be a JSON object.");
  }
  return body as Record<string, unknown>;
}

/**
 * Query parameters as an object for a procedure's input; numbers where `numeric` says, each key at most once — except
 * the repeatable ones `lists` names, gathered into an array under the input's name (`?dialect=a&dialect=b` →
 * `dialects: ["a", "b"]`).
 */
export function queryObject(
  url: URL,
  numeric: readonly string[] = [],
  lists: Readonly<Record<string, string>> = {},
): Record<string, unknown> {
  const params = url.searchParams;
  const out: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    if (Object.hasOwn(lists, key)) {
      out[lists[key]!] = values;
      continue;
    }
    if (values.length > 1) {
      throw new AppError("BAD_REQUEST", `Give "${key}" at most once.`, { fields: { [key]: ["Repeated parameter."] } });
    }
    const value = values[0]!;
    out[key] = numeric.includes(key) && /^-?\d{1,10}$/.test(value) ? Number(value) : value;
  }
  return out;
}

/** A number in a path segment (a version); anything else goes on as written, for the procedure's schema to refuse. */
export function pathNumber(segment: string): number | string {
  return /^\d{1,10}$/.test(segment) ? Number(segment) : segment;
}
