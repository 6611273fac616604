/**
 * Reads a JSON request body for an API handler, refusing what should never reach a service:
 * another content type (415), a body past `maxBytes` (413, and the stream is not read past the limit),
 * malformed JSON (400). Validation of the value itself is the caller's zod schema (`.strict()`: unknown fields → 400).
 */
import type { IncomingMessage } from "node:http";
import type { z } from "zod";
import { AppError } from "../errors/app-error";
import { toAppError } from "../errors/classify";
import { CLOSE_CONNECTION, readNodeBodyText } from "./read-body";

export const AUTH_BODY_MAX_BYTES = 16 * 1024;

/** A node:http request's JSON body (the API on our own server). */
export async function readNodeJsonBody(req: IncomingMessage, options: { maxBytes: number }): Promise<unknown> {
  requireJson(req.headers["content-type"] ?? null);
  return parseJsonText(await readNodeBodyText(req, options.maxBytes));
}

function requireJson(contentType: string | null): void {
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test((contentType ?? "").trim())) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON (Content-Type: application/json).", { headers: CLOSE_CONNECTION });
  }
}

function parseJsonText(text: string): unknown {
  if (text.trim() === "") throw new AppError("BAD_REQUEST", "The request body is empty; send a JSON object.");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON.");
  }
}

/** A value checked by a zod schema; a failure is an AppError in the one shape (400 with `fields`). */
export function validated<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw toAppError(parsed.error);
  return parsed.data;
}
