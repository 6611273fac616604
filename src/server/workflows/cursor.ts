/** Opaque list cursors: the sort key and id of the last item of a page, base64url-encoded. */
import { z } from "zod";
import { AppError } from "../errors/app-error";

const cursorSchema = z.tuple([z.enum(["updated", "name"]), z.string().max(400), z.uuid()]);

export type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), "utf8").toString("base64url");
}

export function decodeCursor(text: string, sort: Cursor[0]): Cursor {
  try {
    const cursor = cursorSchema.parse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    if (cursor[0] !== sort) throw new Error("cursor of another sort order");
    if (sort === "updated" && Number.isNaN(Date.parse(cursor[1]))) throw new Error("bad date");
    return cursor;
  } catch {
    throw new AppError("BAD_REQUEST", "The cursor is not valid for this list.", { fields: { cursor: ["Not a valid cursor."] } });
  }
}
