/**
 * Reads a JSON request body for a REST handler, refusing what should never reach a service:
 * another content type (415), a body past `maxBytes` (413, and the stream is not read past the limit),
 * malformed JSON (400). Validation of the value itself is the caller's zod schema (`.strict()`: unknown fields → 400).
 */
import type { z } from "zod";
import { AppError } from "../errors/app-error";
import { toAppError } from "../errors/classify";
import { CLOSE_CONNECTION, readBodyText } from "./read-body";

export const AUTH_BODY_MAX_BYTES = 16 * 1024;

export async function readJsonBody(req: Request, options: { maxBytes: number }): Promise<unknown> {
  const contentType = req.headers.get("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType.trim())) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON (Content-Type: application/json).", { headers: CLOSE_CONNECTION });
  }
  const text = await readBodyText(req, options.maxBytes);
  if (text.trim() === "") throw new AppError("BAD_REQUEST", "The request body is empty; send a JSON object.");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON.");
  }
}

/** Reads and validates a JSON body with a zod schema; every failure is an AppError in the one shape. */
export async function readValidJson<T extends z.ZodType>(req: Request, schema: T, options: { maxBytes: number }): Promise<z.output<T>> {
  const value = await readJsonBody(req, options);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw toAppError(parsed.error);
  return parsed.data;
}
