/**
 * What a tRPC request must be before tRPC reads it, checked from the method, URL and headers alone (no body read, no
 * database): JSON only, at most `batch.maxCalls` calls in a batch and at most `batch.maxHeavyCalls` of them heavy
 * (src/lib/api-limits.ts). A refusal is an AppError in the one shape, and no procedure has run.
 */
import { HEAVY_PROCEDURES } from "~/lib/api-limits";
import { AppError } from "../errors/app-error";
import { CLOSE_CONNECTION } from "../http/read-body";
import type { RequestHead } from "../http/request";
import type { RequestLimits } from "../limits";

const JSON_CONTENT_TYPE = /^application\/json\s*(?:;|$)/i;

export interface TrpcCalls {
  /** The procedure paths, in order: one for a single call, every comma-separated path of a batch. */
  paths: string[];
  heavy: number;
}

/** The calls a tRPC URL asks for (`/api/trpc/a.b,c.d?batch=1`). */
export function trpcCallsOf(url: URL, endpoint = "/api/trpc"): TrpcCalls {
  const path = url.pathname.startsWith(`${endpoint}/`) ? url.pathname.slice(endpoint.length + 1) : "";
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // left as sent: tRPC answers an unknown path
  }
  const paths = url.searchParams.get("batch") === "1" ? decoded.split(",") : [decoded];
  return { paths, heavy: paths.filter((p) => HEAVY_PROCEDURES.has(p)).length };
}

/** Throws an AppError (415, or 400 with the limit in `details`) for a request tRPC must not read. */
export function checkTrpcRequest(req: RequestHead & { url: string }, limits: RequestLimits["batch"]): TrpcCalls {
  const contentType = req.headers.get("content-type");
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  if ((hasBody || contentType !== null) && !JSON_CONTENT_TYPE.test((contentType ?? "").trim())) {
    // multipart/form-data, octet-stream, a form, text or nothing at all: tRPC would read some of these.
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON (Content-Type: application/json).", {
      headers: CLOSE_CONNECTION,
    });
  }
  // The body is not read when a batch is refused: the connection must not be reused for what follows it.
  const unread = hasBody ? { headers: CLOSE_CONNECTION } : {};
  const calls = trpcCallsOf(new URL(req.url));
  if (calls.paths.length > limits.maxCalls) {
    throw new AppError("BAD_REQUEST", `A batch may hold at most ${limits.maxCalls} calls.`, {
      details: { limit: limits.maxCalls, calls: calls.paths.length },
      ...unread,
    });
  }
  if (calls.heavy > limits.maxHeavyCalls) {
    throw new AppError(
      "BAD_REQUEST",
      `A batch may hold at most ${limits.maxHeavyCalls} calls that save, draw, copy or check a password; send them apart.`,
      { details: { limit: limits.maxHeavyCalls, heavyCalls: calls.heavy }, ...unread },
    );
  }
  return calls;
}
