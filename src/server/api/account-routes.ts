/** `/api/me…`: the account's own end over REST — deleting it, and "Download my data" (docs/decisions/103, 104). */
import { create as contentDisposition } from "content-disposition";
import { admitDataExport, dataExportFilename, writeDataExport } from "../account/data-export";
import { AppError } from "../errors/app-error";
import { AUTH_BODY_MAX_BYTES } from "../http/read-json";
import { readJsonObject, restRoute, untrusted } from "./rest";

/** `DELETE /api/me {"password"}` → 204: the same procedure as `account.delete`. */
export const deleteMe = restRoute(async (args) => {
  if (!args.ctx.user) throw new AppError("UNAUTHORIZED", "Sign in to do this."); // before reading the body
  const body = await readJsonObject(args, AUTH_BODY_MAX_BYTES);
  await args.caller.account.delete(untrusted(body));
  return { status: 204 };
});

/**
 * `GET /api/me/export.zip`: everything the app keeps about the person, streamed as it is read (docs/decisions/104).
 * Once the headers are out an error can only cut the download short (the connection is closed).
 */
export const exportMyData = restRoute(async ({ res, ctx }) => {
  if (!ctx.user) throw new AppError("UNAUTHORIZED", "Sign in to do this.");
  await admitDataExport(ctx, ctx.user.id);
  const now = new Date();
  const gone = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) gone.abort();
  });
  await writeDataExport(ctx.db, ctx.user.id, res, {
    signal: gone.signal,
    now,
    start: () =>
      res.writeHead(200, { "content-type": "application/zip", "content-disposition": contentDisposition(dataExportFilename(now)) }),
  });
});
