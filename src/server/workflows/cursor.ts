/** Opaque list cursors: the sort, the sort key and the id of the last item of a page, base64url-encoded. */
import { z } from "zod";
import { LIST_SORTS, type ListSort } from "~/lib/validation/workflow";
import { AppError } from "../errors/app-error";

const INT32 = z.number().int().min(-1).max(2_147_483_647);
const isoDate = z.string().max(40).refine((text) => !Number.isNaN(Date.parse(text)));

/** The key each sort pages by: a date for updated/created, the name, the code's bytes or the node count. */
const KEYS = {
  updated: isoDate,
  created: isoDate,
  name: z.string().max(400),
  size: INT32,
  nodes: INT32,
} satisfies Record<ListSort, z.ZodType>;

const cursorSchema = z.tuple([z.enum(LIST_SORTS), z.union([z.string(), z.number()]), z.uuid()]);

export type Cursor = [sort: ListSort, key: string | number, id: string];

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), "utf8").toString("base64url");
}

export function decodeCursor(text: string, sort: ListSort): Cursor {
  try {
    const cursor = cursorSchema.parse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    if (cursor[0] !== sort) throw new Error("cursor of another sort order");
    KEYS[sort].parse(cursor[1]);
    return cursor;
  } catch {
    throw new AppError("BAD_REQUEST", "The cursor is not valid for this list.", { fields: { cursor: ["Not a valid cursor."] } });
  }
}
