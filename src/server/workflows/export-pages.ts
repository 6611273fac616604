/**
 * Reading a person's rows a page at a time for the archives ("Export all", export-zip.ts; "Download my data",
 * src/server/account/data-export.ts): a keyset on (createdAt, id), oldest first, so a row saved while an export runs
 * is neither skipped nor repeated, no transaction is held while a slow client downloads, and one page is in memory.
 */
import type { Database } from "../db/client";
import type { Prisma } from "../db/generated/client";

/** What a page's query adds to its own: where to continue, the keyset's order and the page's size. */
export interface PageQuery {
  where: { OR?: [{ createdAt: { gt: Date } }, { createdAt: Date; id: { gt: string } }] };
  orderBy: [{ createdAt: "asc" }, { id: "asc" }];
  take: number;
}

/** The pages `read` answers, each after the last row of the one before, until an empty one. */
export async function* keysetPages<Row extends { createdAt: Date; id: string }>(
  pageSize: number,
  read: (page: PageQuery) => Promise<Row[]>,
): AsyncGenerator<Row[]> {
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const rows: Row[] = await read({
      where: after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {},
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: pageSize,
    });
    if (rows.length === 0) return;
    yield rows;
    const last = rows.at(-1)!;
    after = { createdAt: last.createdAt, id: last.id };
  }
}

/** A workflow as the archives read it. */
export const exportSelect = {
  id: true,
  name: true,
  code: true,
  codeBytes: true,
  tags: true,
  dialect: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  deletedAt: true,
} satisfies Prisma.WorkflowSelect;

export type ExportRow = Prisma.WorkflowGetPayload<{ select: typeof exportSelect }>;

/**
 * The owner's workflows, oldest first, `pageSize` at a time: the live ones, or with `trash` those in the trash as
 * well. `wait` wraps each page's query (the zip writer's `unlessAborted`, to stop when the client goes away).
 */
export function workflowPages(
  db: Database,
  ownerId: string,
  { pageSize, trash = false, wait = (work) => work }: { pageSize: number; trash?: boolean; wait?: (work: Promise<ExportRow[]>) => Promise<ExportRow[]> },
): AsyncGenerator<ExportRow[]> {
  return keysetPages(pageSize, (page) =>
    wait(db.prisma.workflow.findMany({ ...page, where: { ownerId, ...(trash ? {} : { deletedAt: null }), ...page.where }, select: exportSelect })),
  );
}
