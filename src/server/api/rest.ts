/**
 * REST routes are thin adapters over the tRPC procedures: the same context (session cookie or Bearer token),
 * the same validation, the same implementation, and errors in the one shape.
 */
import { TRPCError } from "@trpc/server";
import { AppError } from "../errors/app-error";
import { readJsonBody } from "../http/read-json";
import { errorResponse } from "../http/respond";
import { type InnerContext, createRequestContext, requestMeta } from "./context";
import { createCaller } from "./root";
import { appErrorOf } from "./trpc";

export type Caller = ReturnType<typeof createCaller>;

interface RestArgs<P> {
  req: Request;
  caller: Caller;
  ctx: InnerContext;
  params: P;
  requestId: string;
}

export function restHandler<P = Record<string, never>>(handle: (args: RestArgs<P>) => Promise<Response>) {
  return async (req: Request, route: { params: Promise<P> }): Promise<Response> => {
    const { requestId } = requestMeta(req);
    try {
      const ctx = await createRequestContext(req);
      return await handle({ req, caller: createCaller(ctx), ctx, params: await route.params, requestId });
    } catch (error) {
      return errorResponse(error instanceof TRPCError ? appErrorOf(error) : error, requestId);
    }
  };
}

/** Hands an untrusted value to a procedure, whose own zod input schema validates it (one validation). */
export function untrusted<T>(value: unknown): T {
  return value as T;
}

/** A JSON object body, read with a size limit that stops reading past it (see readJsonBody). */
export async function readJsonObject(req: Request, maxBytes: number): Promise<Record<string, unknown>> {
  const body = await readJsonBody(req, { maxBytes });
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new AppError("BAD_REQUEST", "The request body must be a JSON object.");
  }
  return body as Record<string, unknown>;
}

/** Query parameters as an object for a procedure's input; numbers where `numeric` says, each key at most once. */
export function queryObject(req: Request, numeric: readonly string[] = []): Record<string, unknown> {
  const params = new URL(req.url).searchParams;
  const out: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
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
