/**
 * A workflow's summary columns as the driver gives them to the hot reads that bypass Prisma (the list's page, one
 * workflow: issue 13, decisions 105 and 112), and the answer's item built from them field by field, in the schema's
 * order, so that the built answer is byte for byte what zod's parse would give.
 */
import type { WorkflowListItem } from "~/lib/validation/workflow-output";
import { UNKNOWN_COUNT } from "./summary";

/** A node or edge count as the answer gives it: null when the summary ran out of time (decision 036). */
export const knownCount = (count: number): number | null => (count === UNKNOWN_COUNT ? null : count);

export interface WorkflowItemRow {
  id: string;
  name: string;
  version: number;
  /** ISO 8601 in UTC to the millisecond, as `Date#toISOString` writes it (see `isoTime`). */
  created_at: string;
  updated_at: string;
  code_bytes: number;
  code_lines: number;
  dialect: string;
  node_count: number;
  edge_count: number;
  tags: string[] | null;
}

export function itemOf(row: WorkflowItemRow): WorkflowListItem {
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    size: { bytes: row.code_bytes, lines: row.code_lines },
    tags: row.tags ?? [],
    graph: { dialect: row.dialect, nodes: knownCount(row.node_count), edges: knownCount(row.edge_count) },
  };
}
