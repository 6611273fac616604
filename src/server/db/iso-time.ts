import { Prisma } from "./generated/client";

/**
 * A timestamp column as the text `Date#toISOString` gives (UTC, milliseconds truncated as a JS Date truncates them),
 * written by the database: the hot reads (the list's page, one workflow) skip a JS `Date` each way — the driver's parse
 * of the row and ours back to text (issue 13's profiles; Next's `Date` wrapper makes every `new Date` dearer in this
 * process).
 */
export const isoTime = (column: Prisma.Sql): Prisma.Sql => Prisma.sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
