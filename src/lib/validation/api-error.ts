/** The one error shape on the wire, for REST and tRPC alike (docs/decisions/004), as the OpenAPI document states it. */
import { z } from "zod";

export const apiErrorBody = z.object({
  error: z.object({
    code: z.string().describe("A stable code such as BAD_REQUEST, UNAUTHORIZED, NOT_FOUND, CONFLICT, PAYLOAD_TOO_LARGE"),
    message: z.string(),
    requestId: z.string(),
    fields: z.record(z.string(), z.array(z.string())).optional().describe("Per-field messages, for invalid input only"),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

export type ApiErrorBody = z.infer<typeof apiErrorBody>;
