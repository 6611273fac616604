/**
 * The building blocks routers use: `router`, `publicProcedure`, `protectedProcedure`, `createCallerFactory`.
 * Errors leave in the one shape: `{"code","message","requestId","fields"?,"details"?}`.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import { transformer } from "~/lib/transformer";
import { AppError, type ErrorCode } from "../errors/app-error";
import { appErrorOf, isTrpcOwnError, logTrpcDetail } from "../errors/trpc-error";
import { currentRequestId } from "../http/request-scope";
import { log } from "../log";
import type { InnerContext, SessionUser } from "./context";

export { appErrorOf };

const t = initTRPC.context<InnerContext>().create({
  transformer,
  errorFormatter({ error, ctx }) {
    const appError = appErrorOf(error);
    // No context when tRPC refused the request before building one: the route's scope still knows the id.
    const requestId = ctx?.requestId ?? currentRequestId() ?? "unknown";
    if (isTrpcOwnError(error)) logTrpcDetail(error, requestId);
    if (appError.code === "INTERNAL_SERVER_ERROR") {
      log.error({ err: error.cause ?? error, requestId }, "unexpected error in a tRPC procedure");
    }
    return {
      code: appError.code,
      message: appError.message,
      requestId,
      ...(appError.extra.fields ? { fields: appError.extra.fields } : {}),
      ...(appError.extra.details ? { details: appError.extra.details } : {}),
    } as unknown as { code: number; message: string; data: Record<string, unknown> };
  },
});

/** Throws an AppError through tRPC, keeping its app-level code. */
export function fail(code: ErrorCode, message: string, extra?: ConstructorParameters<typeof AppError>[2]): never {
  const appError = new AppError(code, message, extra);
  throw new TRPCError({ code: trpcCodeFor(code), message, cause: appError });
}

function trpcCodeFor(code: ErrorCode): TRPCError["code"] {
  switch (code) {
    case "INVALID_CREDENTIALS":
      return "UNAUTHORIZED";
    case "SERVICE_UNAVAILABLE":
      return "INTERNAL_SERVER_ERROR";
    case "UNPROCESSABLE_CONTENT":
      return "UNPROCESSABLE_CONTENT";
    case "REQUEST_TIMEOUT":
      return "TIMEOUT";
    default:
      return code as TRPCError["code"];
  }
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure;

/** The signed-in user of a context, or the one refusal for nobody signed in. */
export function signedInUser(ctx: InnerContext): SessionUser {
  if (!ctx.user) fail("UNAUTHORIZED", "Sign in to do this.");
  return ctx.user;
}

// tRPC merges what `next` is given into the context; nothing is copied here (issue 13: the hot reads' profile).
export const protectedProcedure = t.procedure.use(({ ctx, next }) => next({ ctx: { user: signedInUser(ctx) } }));
