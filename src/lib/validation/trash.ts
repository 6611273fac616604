/** Inputs of the trash procedures and routes. */
import { z } from "zod";
import { DEFAULT_PAGE_SIZE, workflowId } from "./workflow";

export const listTrashInput = z
  .strictObject({
    cursor: z.string().max(256).optional(),
    limit: z.number().int().min(1).max(100).default(DEFAULT_PAGE_SIZE),
    /** Sent by tRPC's infinite queries; the trash only pages forwards. */
    direction: z.enum(["forward", "backward"]).optional(),
  })
  .default({ limit: DEFAULT_PAGE_SIZE });

export const trashedIdInput = z.strictObject({ id: workflowId });

export type ListTrashInput = z.infer<typeof listTrashInput>;
