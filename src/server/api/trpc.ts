/**
 * The building blocks routers use: `router`, `publicProcedure`, `protectedProcedure`, `createCallerFactory`.
 * Errors leave in the one shape: `{"code","message","requestId","fields"?,"details"?}`.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import { transformer } from "~/lib/transformer";
import { AppError, type ErrorCode } from "../errors/app-error";
import { toAppError } from "../errors/classify";
import { currentRequestId } from "../http/request-scope";
import { log } from "../log";
import type { InnerContext } from "./context";

/**
 * The app-level error behind a tRPC error: our own AppError, a validation failure, or an unexpected one. An error
 * tRPC raised itself (a body or `input` that does not parse — JSON.parse's or superjson's message, "Maximum call
 * stack size exceeded" — an unknown path, a wrong method) answers a fixed message for its code; what it said goes
 * to the log only (see `logTrpcDetail`).
 */
export function appErrorOf(error: TRPCError): AppError {
  if (error.cause instanceof AppError) return error.cause;
  if (error.code === "BAD_REQUEST" && error.cause && "issues" in error.cause) return toAppError(error.cause);
  if (error.code === "INTERNAL_SERVER_ERROR") return toAppError(error.cause ?? error);
  const code = (error.code in CODE_MAP ? CODE_MAP[error.code as keyof typeof CODE_MAP] : "BAD_REQUEST") as ErrorCode;
  return new AppError(code, GENERIC_MESSAGES[code] ?? GENERIC_MESSAGES.BAD_REQUEST!);
}

/** True when tRPC raised the error itself (its message may quote the input): log it, never send it. */
function isTrpcOwnError(error: TRPCError): boolean {
  if (error.cause instanceof AppError) return false;
  if (error.code === "BAD_REQUEST" && error.cause && "issues" in error.cause) return false;
  return error.code !== "INTERNAL_SERVER_ERROR";
}

const CODE_MAP = {
  PARSE_ERROR: "BAD_REQUEST",
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  METHOD_NOT_SUPPORTED: "METHOD_NOT_SUPPORTED",
  TIMEOUT: "REQUEST_TIMEOUT",
  CONFLICT: "CONFLICT",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  UNPROCESSABLE_CONTENT: "UNPROCESSABLE_CONTENT",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
} as const;

const GENERIC_MESSAGES: Partial<Record<ErrorCode, string>> = {
  BAD_REQUEST: "The request could not be read.",
  UNAUTHORIZED: "Sign in to do this.",
  FORBIDDEN: "You may not do this.",
  NOT_FOUND: "No such procedure.",
  METHOD_NOT_SUPPORTED: "This procedure does not accept this HTTP method.",
  REQUEST_TIMEOUT: "The request did not arrive in time.",
  CONFLICT: "The request conflicts with the current state.",
  PAYLOAD_TOO_LARGE: "The request is too large.",
  UNSUPPORTED_MEDIA_TYPE: "Send the body as JSON (Content-Type: application/json).",
  UNPROCESSABLE_CONTENT: "The request could not be processed.",
  TOO_MANY_REQUESTS: "Too many requests. Try again later.",
};

/** What tRPC said about a request it refused, for the log (bounded: a message can quote the whole input). */
function logTrpcDetail(error: TRPCError, requestId: string): void {
  const detail = error.cause instanceof Error && error.cause.message ? error.cause.message : error.message;
  log.info({ requestId, trpcCode: error.code, detail: detail.slice(0, 500) }, "tRPC refused a request");
}

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

export const protectedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.user) fail("UNAUTHORIZED", "Sign in to do this.");
  return next({ ctx: { ...ctx, user: ctx.user } });
});
