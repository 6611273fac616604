/**
 * Tags (docs/decisions/087): set as a whole, apart from the code. Setting them is its own small write that changes
 * neither the workflow's `version` nor its update time, so it never makes a code version and never turns an editor's
 * next save into a conflict; the last tag edit wins.
 */
import type { TagCounts, WorkflowTags } from "~/lib/validation/workflow-output";
import { notFound, type WorkflowScope } from "./service";

/** Replaces the workflow's tags (already normalised by the input schema). Another person's or a trashed one is 404. */
export async function setTags({ db, ownerId }: WorkflowScope, id: string, tags: string[]): Promise<WorkflowTags> {
  // Raw, so that Prisma does not stamp @updatedAt: tags are not an edit of the workflow's content.
  const rows = await db.prisma.$queryRaw<Array<{ id: string; tags: string[] }>>`
    UPDATE workflows SET tags = ${tags}::text[]
    WHERE id = ${id}::uuid AND owner_id = ${ownerId}::uuid AND deleted_at IS NULL
    RETURNING id::text AS id, tags`;
  const row = rows[0];
  if (!row) throw notFound();
  return { id: row.id, tags: row.tags ?? [] };
}

const byTag = new Intl.Collator("en");

/** The tags on the person's live workflows (trashed ones do not count), A–Z, with how many workflows carry each. */
export async function listTags({ db, ownerId }: WorkflowScope): Promise<TagCounts> {
  const rows = await db.prisma.$queryRaw<Array<{ tag: string; count: number }>>`
    SELECT t.tag, count(*)::int AS count
    FROM workflows w, unnest(w.tags) AS t(tag)
    WHERE w.owner_id = ${ownerId}::uuid AND w.deleted_at IS NULL
    GROUP BY t.tag`;
  // Sorted here, not by the database, so that both databases (whatever their collation) answer the same order.
  const items = rows.map((row) => ({ tag: row.tag, count: Number(row.count) }));
  return { items: items.sort((a, b) => byTag.compare(a.tag, b.tag)) };
}
