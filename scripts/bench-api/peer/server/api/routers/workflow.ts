/**
 * The peer's `workflow.list` (a page of the caller's workflows, newest save first, Prisma's cursor pagination) and
 * `workflow.get` (one workflow with its code): the same rows and fields the app answers, through Prisma's query API.
 */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createTRPCRouter, protectedProcedure } from "~/server/api/trpc";

const summary = {
  id: true,
  name: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  codeBytes: true,
  codeLines: true,
  dialect: true,
  nodeCount: true,
  edgeCount: true,
} as const;

type Row = {
  id: string;
  name: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  codeBytes: number;
  codeLines: number;
  dialect: string;
  nodeCount: number;
  edgeCount: number;
};

const toItem = (row: Row) => ({
  id: row.id,
  name: row.name,
  version: row.version,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  size: { bytes: row.codeBytes, lines: row.codeLines },
  graph: { dialect: row.dialect, nodes: row.nodeCount, edges: row.edgeCount },
});

export const workflowRouter = createTRPCRouter({
  list: protectedProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(50), cursor: z.uuid().optional() }))
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db.workflow.findMany({
        where: { ownerId: ctx.userId, deletedAt: null },
        orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
        select: summary,
      });
      const nextCursor = rows.length > input.limit ? rows[input.limit - 1]!.id : null;
      return { items: rows.slice(0, input.limit).map(toItem), nextCursor };
    }),

  get: protectedProcedure.input(z.object({ id: z.uuid() })).query(async ({ ctx, input }) => {
    const row = await ctx.db.workflow.findFirst({
      where: { id: input.id, ownerId: ctx.userId, deletedAt: null },
      select: { ...summary, code: true },
    });
    if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "No such workflow." });
    return { ...toItem(row), code: row.code };
  }),
});
