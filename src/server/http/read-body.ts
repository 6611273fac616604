/**
 * Reads a request body as text, and stops reading — never buffering the rest — once it passes a limit, or once it
 * has not fully arrived by a deadline (a body dripped a byte at a time must not hold a handler and a connection).
 */
import type { IncomingMessage } from "node:http";
import { AppError } from "../errors/app-error";
import { requestLimits } from "../limits";

/** A body left unread on a keep-alive connection would be parsed as the next request: close it instead. */
export const CLOSE_CONNECTION = { Connection: "close" } as const;

export interface ReadBodyOptions {
  /** Give up (408) when the body has not fully arrived this long after reading began; the configured limit by default. */
  deadlineMs?: number;
}

export async function readBodyText(req: Request, maxBytes: number, options: ReadBodyOptions = {}): Promise<string> {
  return new TextDecoder("utf-8", { fatal: false }).decode(await readBodyBytes(req, maxBytes, options));
}

/** The body's bytes, read under the same limit and deadline as readBodyText. */
export async function readBodyBytes(req: Request, maxBytes: number, options: ReadBodyOptions = {}): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return new Uint8Array();
  const deadlineMs = options.deadlineMs ?? requestLimits().bodyReadMs;
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<"expired">((resolve) => {
    timer = setTimeout(() => resolve("expired"), deadlineMs);
  });
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), expired]);
      if (next === "expired") {
        await reader.cancel().catch(() => {});
        throw tooSlow();
      }
      const { done, value } = next;
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  } finally {
    clearTimeout(timer);
  }
  return concat(chunks, size);
}

/**
 * The same for a node:http request (the API on our own server): refuses a declared length past the limit before
 * reading, stops reading past the limit (413) or past the deadline (408); either way the connection is closed after
 * the answer (`CLOSE_CONNECTION` in the error's headers).
 */
export async function readNodeBodyText(req: IncomingMessage, maxBytes: number, options: ReadBodyOptions = {}): Promise<string> {
  return (await readNodeBodyBytes(req, maxBytes, options)).toString("utf8");
}

/** The same, as bytes (a multipart upload). */
export function readNodeBodyBytes(req: IncomingMessage, maxBytes: number, options: ReadBodyOptions = {}): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge(maxBytes));
  const deadlineMs = options.deadlineMs ?? requestLimits().bodyReadMs;
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (error: AppError | null) => {
      clearTimeout(timer);
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("aborted", onAborted);
      if (error) {
        req.pause();
        reject(error);
      } else {
        resolve(Buffer.concat(chunks, size));
      }
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > maxBytes) return done(tooLarge(maxBytes));
      chunks.push(chunk);
    };
    const onEnd = () => done(null);
    const onError = () => done(new AppError("BAD_REQUEST", "The request body could not be read.", { headers: CLOSE_CONNECTION }));
    const onAborted = onError;
    const timer = setTimeout(() => done(tooSlow()), deadlineMs);
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("aborted", onAborted);
  });
}

/**
 * Reads and discards what is left of a request's body, at most `maxBytes` more and within `deadlineMs`; resolves true
 * once the whole body is in. Closing a connection with body bytes still unread makes the kernel reset it, and a client
 * still sending sees EPIPE or ECONNRESET instead of the answer: `route()` calls this before a refusal that closes the
 * connection. Past the bound or the deadline it stops (false): that answer still goes out, and the reset is the sender's.
 */
export function discardUnreadBody(req: IncomingMessage, maxBytes: number, deadlineMs: number): Promise<boolean> {
  if (req.complete) return Promise.resolve(true);
  const declared = Number(req.headers["content-length"] ?? "NaN");
  if (req.destroyed || (Number.isFinite(declared) && declared > maxBytes)) return Promise.resolve(false);
  return new Promise<boolean>((resolve) => {
    let size = 0;
    const done = (whole: boolean) => {
      clearTimeout(timer);
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onStop);
      req.off("close", onStop);
      if (!whole) req.pause();
      resolve(whole);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > maxBytes) done(false);
    };
    const onEnd = () => done(true);
    const onStop = () => done(req.complete);
    const timer = setTimeout(() => done(false), deadlineMs);
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onStop);
    req.on("close", onStop);
    req.resume();
  });
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function tooLarge(maxBytes: number) {
  return new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${Math.round(maxBytes / 1024)} KiB.`, {
    headers: CLOSE_CONNECTION,
  });
}

function tooSlow() {
  return new AppError("REQUEST_TIMEOUT", "The request body did not arrive in time.", { headers: CLOSE_CONNECTION });
}
