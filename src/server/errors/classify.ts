/** Turns any thrown value into an error that is safe to show: never a stack trace or a database message. */
import { z } from "zod";
import { AppError } from "./app-error";

const UNAVAILABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "57P01", "57P03", "08001", "08006", "P1001", "P1002", "P1017", "P2024"]);
const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "DatabaseDoesNotExist", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TransactionAlreadyClosed"]);
const UNAVAILABLE_MESSAGE = /(connect ECONNREFUSED|Connection terminated|Query read timeout|terminating connection|timeout exceeded when trying to connect|Connection ended unexpectedly|the database system is (shutting down|starting up)|PGlite is closed)/i;
/**
 * Prisma's interactive transactions (code P2028) when the database does not answer in time: no connection would start
 * the transaction within `maxWait`, or the transaction outlived its `timeout` waiting on the database. (P2028 also
 * names bugs — a transaction used after its commit — which stay 500s.)
 */
const TRANSACTION_TIMED_OUT = /Unable to start a transaction in the given time|cannot be executed on an expired transaction/;

/** True when the error says the database cannot be reached right now (as opposed to a bad query). */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 6; depth++) {
    const candidate = e as {
      code?: unknown;
      kind?: unknown;
      message?: unknown;
      cause?: unknown;
      originalCode?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    if (typeof candidate.code === "string" && UNAVAILABLE_CODES.has(candidate.code)) return true;
    if (typeof candidate.originalCode === "string" && UNAVAILABLE_CODES.has(candidate.originalCode)) return true;
    if (typeof candidate.kind === "string" && UNAVAILABLE_KINDS.has(candidate.kind)) return true;
    if (typeof candidate.message === "string" && UNAVAILABLE_MESSAGE.test(candidate.message)) return true;
    if (candidate.code === "P2028" && typeof candidate.message === "string" && TRANSACTION_TIMED_OUT.test(candidate.message)) return true;
    // Prisma puts the driver's error under `meta.driverAdapterError` (raw queries, for one); errors chain by `cause`.
    e = candidate.cause ?? candidate.meta?.driverAdapterError;
  }
  return false;
}

/** Field errors of a zod failure, keyed by dotted path ("" for the whole input). */
export function zodFieldErrors(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) {
    const tooLarge = error.issues.find((issue) => issue.code === "custom" && issue.params?.appCode === "PAYLOAD_TOO_LARGE");
    if (tooLarge) return new AppError("PAYLOAD_TOO_LARGE", tooLarge.message, { fields: zodFieldErrors(error) });
    return new AppError("BAD_REQUEST", "The request is not valid.", { fields: zodFieldErrors(error) });
  }
  if (isDatabaseUnavailable(error)) {
    return new AppError("SERVICE_UNAVAILABLE", "The database is unavailable. Try again shortly.", {
      headers: { "Retry-After": "5" },
    });
  }
  return new AppError("INTERNAL_SERVER_ERROR", "Something went wrong on our side.");
}
