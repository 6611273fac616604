/**
 * The workflow list: one SQL query per page on PGlite and PostgreSQL alike, with search, framework filters, five
 * sorts and keyset pagination (docs/decisions/065). The search is a literal, case-insensitive substring of the name,
 * the framework's name or the code; pg_trgm's indexes let the database skip rows that cannot match. For a hit in the
 * code the database sends only an excerpt around the first hit and its line number, never the whole code.
 */
import {
  DIALECT_LABELS,
  DIALECTS,
  type Dialect,
  type ListSort,
  type ListWorkflowsInput,
} from "~/lib/validation/workflow";
import type { WorkflowList, WorkflowListEntry, WorkflowMatch } from "~/lib/validation/workflow-output";
import { MAX_SNIPPET_LENGTH } from "~/lib/validation/workflow-output";
import { Prisma } from "../db/generated/client";
import { isoTime } from "../db/iso-time";
import { decodeCursor, encodeCursor } from "./cursor";
import { codeSnippet } from "./match-snippet";
import { itemOf, type WorkflowItemRow } from "./item-row";
import type { WorkflowScope } from "./service";

interface ListRow extends WorkflowItemRow {
  name_hit: boolean;
  /** Only when searching and neither the name nor the framework matched. */
  hit_at: number | null;
  excerpt: string | null;
  excerpt_start: number | null;
  hit_line: number | null;
}

/** Each sort's column and direction (ties broken by id in the same direction); each has its own index. */
const SORTS: Record<ListSort, { column: Prisma.Sql; descending: boolean; cast: Prisma.Sql; key: (row: ListRow) => string | number }> = {
  updated: { column: Prisma.sql`w.updated_at`, descending: true, cast: Prisma.sql`::timestamptz`, key: (r) => r.updated_at },
  created: { column: Prisma.sql`w.created_at`, descending: true, cast: Prisma.sql`::timestamptz`, key: (r) => r.created_at },
  name: { column: Prisma.sql`w.name`, descending: false, cast: Prisma.empty, key: (r) => r.name },
  size: { column: Prisma.sql`w.code_bytes`, descending: true, cast: Prisma.sql`::int`, key: (r) => r.code_bytes },
  nodes: { column: Prisma.sql`w.node_count`, descending: true, cast: Prisma.sql`::int`, key: (r) => r.node_count },
};

/** Characters of code sent before and after the first hit, enough for its line's snippet. */
const EXCERPT_RADIUS = MAX_SNIPPET_LENGTH + 40;

/** A LIKE pattern that finds `text` literally: `%`, `_` and `\` are escaped (backslash is LIKE's default escape). */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, "\\$&")}%`;

/** The frameworks whose id or name holds the search ("airflow", "LangGraph", "graph"…). */
export function dialectsNamedBy(search: string): Dialect[] {
  const needle = search.toLowerCase();
  return DIALECTS.filter((d) => d.includes(needle) || DIALECT_LABELS[d].toLowerCase().includes(needle));
}


export async function listWorkflows({ db, ownerId }: WorkflowScope, input: ListWorkflowsInput): Promise<WorkflowList> {
  const sort = SORTS[input.sort];
  const search = input.search ? input.search : null;
  const named = search ? dialectsNamedBy(search) : [];
  const pattern = search ? containsPattern(search) : "";

  // Trashed workflows are listed only in the trash (docs/decisions/077).
  const conditions: Prisma.Sql[] = [Prisma.sql`w.owner_id = ${ownerId}::uuid`, Prisma.sql`w.deleted_at IS NULL`];
  if (input.dialects?.length) conditions.push(Prisma.sql`w.dialect IN (${Prisma.join(input.dialects)})`);
  // Every tag asked for (docs/decisions/087), through the GIN index on tags.
  if (input.tags?.length) conditions.push(Prisma.sql`w.tags @> ARRAY[${Prisma.join(input.tags)}]::text[]`);
  const nameHit = Prisma.sql`w.name ILIKE ${pattern}`;
  const dialectHit = named.length ? Prisma.sql`w.dialect IN (${Prisma.join(named)})` : Prisma.sql`false`;
  if (search) conditions.push(Prisma.sql`(${nameHit} OR ${dialectHit} OR w.code ILIKE ${pattern})`);
  if (input.cursor) {
    const [, key, id] = decodeCursor(input.cursor, input.sort);
    const comparison = sort.descending ? Prisma.sql`<` : Prisma.sql`>`;
    conditions.push(Prisma.sql`(${sort.column}, w.id) ${comparison} (${key}${sort.cast}, ${id}::uuid)`);
  }
  const direction = sort.descending ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const order = Prisma.sql`${sort.column} ${direction}, w.id ${direction}`;
  const page = Prisma.sql`
    SELECT w.id, w.name, w.version, w.created_at, w.updated_at, w.code_bytes, w.code_lines, w.dialect, w.node_count, w.edge_count, w.tags
    FROM workflows w
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY ${order}
    LIMIT ${input.limit + 1}`;

  // Where the code matched (only for rows whose name and framework did not): the first hit, its line and an
  // excerpt around it, computed in the database for the page's rows only.
  const codeHit = search
    ? Prisma.sql`
      LEFT JOIN LATERAL (
        SELECT h.hit_at,
          substr(c.code, greatest(h.hit_at - ${EXCERPT_RADIUS}, 1), ${2 * EXCERPT_RADIUS} + length(${search})) AS excerpt,
          greatest(h.hit_at - ${EXCERPT_RADIUS}, 1) AS excerpt_start,
          length(left(c.code, h.hit_at)) - length(replace(left(c.code, h.hit_at), E'\\n', '')) + 1 AS hit_line
        FROM workflows c, LATERAL (SELECT strpos(lower(c.code), lower(${search})) AS hit_at) h
        WHERE c.id = w.id
      ) hit ON NOT (${nameHit} OR ${dialectHit})`
    : Prisma.empty;
  const hitColumns = search
    ? Prisma.sql`${nameHit} AS name_hit, hit.hit_at, hit.excerpt, hit.excerpt_start, hit.hit_line`
    : Prisma.sql`false AS name_hit, NULL::int AS hit_at, NULL::text AS excerpt, NULL::int AS excerpt_start, NULL::int AS hit_line`;

  // The outer ORDER BY reads the page's own timestamps (`w.…`), not the text the outer SELECT makes of them.
  const rows = await db.queryRows<ListRow>(Prisma.sql`
    SELECT w.id, w.name, w.version, ${isoTime(Prisma.sql`w.created_at`)} AS created_at, ${isoTime(Prisma.sql`w.updated_at`)} AS updated_at,
      w.code_bytes, w.code_lines, w.dialect, w.node_count, w.edge_count, w.tags, ${hitColumns}
    FROM (${page}) w
    ${codeHit}
    ORDER BY ${order}`);

  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  const nextCursor = rows.length > input.limit && last ? encodeCursor([input.sort, sort.key(last), last.id]) : null;
  return { items: items.map((row) => toEntry(row, search)), nextCursor };
}

function toEntry(row: ListRow, search: string | null): WorkflowListEntry {
  return { ...itemOf(row), match: search ? matchOf(row, search) : null };
}

function matchOf(row: ListRow, search: string): WorkflowMatch {
  if (row.name_hit) return { field: "name", snippet: row.name, line: null };
  if (row.excerpt === null || row.excerpt_start === null || row.hit_at === null) {
    // The framework matched (the database did not look into the code for this row).
    return { field: "dialect", snippet: DIALECT_LABELS[row.dialect as Dialect] ?? row.dialect, line: null };
  }
  const snippet = codeSnippet({
    excerpt: row.excerpt,
    excerptStart: row.excerpt_start,
    hitAt: row.hit_at,
    hitLength: Array.from(search).length,
  });
  return { field: "code", snippet, line: row.hit_at > 0 ? Number(row.hit_line) : null };
}
