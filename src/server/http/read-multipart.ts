/**
 * Reads a `multipart/form-data` body under a byte limit and deadline (readNodeBodyBytes), then parses it with the
 * platform's own parser (undici's, behind `Response.formData`). Returns the files, in order, whatever their field.
 */
import { AppError } from "../errors/app-error";
import type { IncomingMessage } from "node:http";
import { readNodeBodyBytes } from "./read-body";

export interface MultipartFile {
  filename: string;
  bytes: Uint8Array;
}

export async function readMultipartFiles(req: IncomingMessage, maxBytes: number): Promise<MultipartFile[]> {
  const contentType = req.headers["content-type"] ?? "";
  if (!/^multipart\/form-data;\s*boundary=/i.test(contentType)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the files as multipart/form-data.");
  }
  const body = await readNodeBodyBytes(req, maxBytes);
  let form: FormData;
  try {
    form = await new Response(body as BodyInit, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new AppError("BAD_REQUEST", "The form data could not be read.");
  }
  const files: MultipartFile[] = [];
  for (const [, value] of form.entries()) {
    if (typeof value === "string") continue;
    files.push({ filename: value.name, bytes: new Uint8Array(await value.arrayBuffer()) });
  }
  if (files.length === 0) throw new AppError("BAD_REQUEST", "Attach at least one .py file.", { fields: { files: ["Attach at least one .py file."] } });
  return files;
}
