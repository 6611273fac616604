/**
 * Reads a JSON request body for a REST handler, refusing what should never reach a service:
 * another content type (415), a body past `maxBytes` (413, and the stream is not read past the limit),
 * malformed JSON (400). Validation of the value itself is the caller's zod schema (`.strict()`: unknown fields → 400).
 */
import type { z } from "zod";
import { AppError } from "../errors/app-error";
import { toAppError } from "../errors/classify";
import { readBodyText } from "./read-body";

export const AUTH_BODY_MAX_BYTES = 16 * 1024;

/** A body left unread on a keep-alive connection would be parsed as the next request: close it instead. */
const CLOSE = { Connection: "close" };

export async function readJsonBody(req: Request, options: { maxBytes: number }): Promise<unknown> {
  const contentType = req.headers.get("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType.trim())) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON (Content-Type: application/json).", { headers: CLOSE });
  }
  const text = await readLimitedText(req, options.maxBytes);
  if (text.trim() === "") throw new AppError("BAD_REQUEST", "The request body is empty; send a JSON object.");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON.");
  }
}

/** The body as text, at most `maxBytes` (413 past it, closing the connection; the rest is never read). */
export async function readLimitedText(req: Request, maxBytes: number): Promise<string> {
  try {
    return await readBodyText(req, maxBytes);
  } catch (error) {
    if (error instanceof AppError && error.code === "PAYLOAD_TOO_LARGE") {
      throw new AppError(error.code, error.message, { ...error.extra, headers: { ...error.extra.headers, ...CLOSE } });
    }
    throw error;
  }
}

/** Reads and validates a JSON body with a zod schema; every failure is an AppError in the one shape. */
export async function readValidJson<T extends z.ZodType>(req: Request, schema: T, options: { maxBytes: number }): Promise<z.output<T>> {
  const value = await readJsonBody(req, options);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw toAppError(parsed.error);
  return parsed.data;
}
