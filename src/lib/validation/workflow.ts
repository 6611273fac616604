/**
 * The workflow inputs, shared by the editor's forms, the tRPC procedures and the REST routes,
 * so the browser and the server validate alike.
 */
import { z } from "zod";
import { tagFilter, tagList } from "./tags";
import { DEFAULT_PAGE_SIZE, DIALECTS, LIST_SORTS, MAX_CODE_BYTES, MAX_NAME_LENGTH, MAX_SEARCH_LENGTH } from "./workflow-limits";

// The bounds and lists without zod, for browser code that needs no schema (docs/decisions/083).
export * from "./workflow-limits";

/** Issues that mean "too large" rather than "malformed": the server answers 413 for them. */
export const TOO_LARGE = "PAYLOAD_TOO_LARGE";

const CONTROL_CHARACTERS = /\p{Cc}/u;

export const workflowId = z.uuid({ message: "Not a workflow id." });

export const workflowName = z
  .string()
  .trim()
  .min(1, "Give the workflow a name.")
  .max(MAX_NAME_LENGTH, `A name has at most ${MAX_NAME_LENGTH} characters.`)
  .refine((name) => !CONTROL_CHARACTERS.test(name), "A name cannot hold control characters.");

const utf8 = new TextEncoder();

/**
 * Python source as text. PostgreSQL text cannot hold NUL (nor can Python source), and a lone surrogate has no
 * UTF-8 form: both are refused, so what is stored always comes back byte for byte.
 */
export const workflowCode = z.string().superRefine((code, ctx) => {
  if (code.includes("\u0000")) ctx.addIssue({ code: "custom", message: "The code cannot contain NUL characters." });
  if (!code.isWellFormed()) ctx.addIssue({ code: "custom", message: "The code is not valid Unicode text." });
  // Cheap bound first: a UTF-16 code unit is at most 3 UTF-8 bytes.
  if (code.length * 3 <= MAX_CODE_BYTES) return;
  if (code.length > MAX_CODE_BYTES || utf8.encode(code).byteLength > MAX_CODE_BYTES) {
    ctx.addIssue({ code: "custom", message: "The code is larger than 512 KiB.", params: { appCode: TOO_LARGE } });
  }
});

export const expectedVersion = z.number().int().min(1).max(2_147_483_647);

export const saveWorkflowInput = z
  .strictObject({
    id: workflowId.optional(),
    name: workflowName,
    code: workflowCode,
    expectedVersion: expectedVersion.optional(),
  })
  .refine((input) => input.id === undefined || input.expectedVersion !== undefined, {
    message: "An update names the version it read (expectedVersion).",
    path: ["expectedVersion"],
  });

const updateFields = { name: workflowName.optional(), code: workflowCode.optional(), expectedVersion };
const changesSomething = (input: { name?: string; code?: string }) => input.name !== undefined || input.code !== undefined;
const changeMessage = { message: "Change the name, the code or both." };

/** `PUT /api/workflows/:id` and `workflow.update`. */
export const updateWorkflowInput = z.strictObject({ id: workflowId, ...updateFields }).refine(changesSomething, changeMessage);
export const updateWorkflowBody = z.strictObject(updateFields).refine(changesSomething, changeMessage);

/** `POST /api/workflows` and `workflow.create`: only ever creates. */
export const createWorkflowInput = z.strictObject({ name: workflowName, code: workflowCode });


export const listWorkflowsInput = z
  .strictObject({
    cursor: z.string().max(512).optional(),
    limit: z.number().int().min(1).max(100).default(DEFAULT_PAGE_SIZE),
    /** Words in the name, the framework or the code; "" (or only spaces) searches nothing. */
    search: z.string().trim().max(MAX_SEARCH_LENGTH, `A search has at most ${MAX_SEARCH_LENGTH} characters.`).optional(),
    /** Only these frameworks; empty means all. */
    dialects: z
      .array(z.enum(DIALECTS))
      .max(DIALECTS.length)
      .transform((list) => [...new Set(list)])
      .optional(),
    /** Only workflows with every one of these tags (normalised like stored tags); empty means all. */
    tags: tagFilter.optional(),
    sort: z.enum(LIST_SORTS).default("updated"),
    /** Sent by tRPC's infinite queries; lists only page forwards. */
    direction: z.enum(["forward", "backward"]).optional(),
  })
  .default({ limit: DEFAULT_PAGE_SIZE, sort: "updated" });

export const workflowIdInput = z.strictObject({ id: workflowId });

export const renameWorkflowInput = z.strictObject({
  id: workflowId,
  name: workflowName,
  expectedVersion: expectedVersion.optional(),
});

/** `workflow.setTags`: replaces the workflow's tags as a whole (docs/decisions/087). */
export const setTagsInput = z.strictObject({ id: workflowId, tags: tagList });

export const duplicateWorkflowInput = z.strictObject({ id: workflowId, name: workflowName.optional() });

export type SaveWorkflowInput = z.infer<typeof saveWorkflowInput>;
export type ListWorkflowsInput = z.infer<typeof listWorkflowsInput>;
