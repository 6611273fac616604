/**
 * The OpenAPI description of the REST routes, built from the zod schemas the procedures validate their input and
 * output with (src/lib/validation), so the document cannot say something the API does not do
 * (tests/integration/workflows/openapi-conformance.test.ts checks real responses against it).
 */
import { z } from "zod";
import { apiErrorBody } from "~/lib/validation/api-error";
import { workflowDetail, workflowGraphResult, workflowList } from "~/lib/validation/workflow-output";
import {
  createWorkflowInput,
  listWorkflowsInput,
  updateWorkflowBody,
  workflowId,
} from "~/lib/validation/workflow";

const schema = (type: z.ZodType, io: "input" | "output" = "output") => z.toJSONSchema(type, { io, unrepresentable: "any" });
const jsonContent = (type: z.ZodType, io: "input" | "output" = "output") => ({ "application/json": { schema: schema(type, io) } });
const error = (description: string) => ({ description, content: jsonContent(apiErrorBody) });

const baseErrors = {
  400: error("Invalid input"),
  401: error("Not signed in, or the token is expired or invalid"),
  503: error("The database is unavailable"),
};
/** The errors of a route that names one workflow. */
const commonErrors = { ...baseErrors, 404: error("No such workflow (or not yours)") };

const idParameter = { name: "id", in: "path", required: true, schema: schema(workflowId) };

/**
 * The list's query parameters, from the procedure's input schema: `dialects` is sent as a repeated `dialect`
 * parameter, and `direction` (tRPC's infinite queries) has no meaning in REST.
 */
function queryParameters() {
  const properties = (schema(listWorkflowsInput, "input") as { properties?: Record<string, unknown> }).properties ?? {};
  return Object.entries(properties)
    .filter(([name]) => name !== "direction")
    .map(([name, property]) =>
      name === "dialects"
        ? { name: "dialect", in: "query", required: false, style: "form", explode: true, schema: property, description: "Only these frameworks; repeat the parameter for several" }
        : { name, in: "query", required: false, schema: property },
    );
}

export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: { title: "Workflow Studio API", version: "1.0.0", description: "Save, list and load Python workflow scripts." },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "POST /api/auth/token gives one" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths: {
      "/api/workflows": {
        get: {
          summary: "List your workflows: search names, frameworks and code; filter by framework; five sorts; keyset pages",
          parameters: queryParameters(),
          responses: { 200: { description: "A page", content: jsonContent(workflowList) }, ...baseErrors },
        },
        post: {
          summary: "Save a new workflow",
          requestBody: { required: true, content: jsonContent(createWorkflowInput, "input") },
          responses: {
            201: { description: "Saved", content: jsonContent(workflowDetail) },
            403: error("The per-person limit is reached"),
            413: error("The code is larger than 512 KiB"),
            ...baseErrors,
          },
        },
      },
      "/api/workflows/{id}": {
        parameters: [idParameter],
        get: { summary: "Load one workflow with its code", responses: { 200: { description: "The workflow", content: jsonContent(workflowDetail) }, ...commonErrors } },
        put: {
          summary: "Update a workflow if it is still at the version you read",
          requestBody: { required: true, content: jsonContent(updateWorkflowBody, "input") },
          responses: {
            200: { description: "Saved", content: jsonContent(workflowDetail) },
            409: error("Changed since you read it: details hold currentVersion and updatedAt"),
            413: error("The code is larger than 512 KiB"),
            ...commonErrors,
          },
        },
        delete: { summary: "Delete a workflow", responses: { 204: { description: "Deleted" }, ...commonErrors } },
      },
      "/api/workflows/{id}/graph": {
        parameters: [idParameter],
        get: {
          summary: "The graph the visualizer draws from the stored code",
          responses: {
            200: { description: "The graph", content: jsonContent(workflowGraphResult) },
            422: error("The graph is past the size bound (details.reason \"size\", with its counts) or took longer than the time budget (\"time\")"),
            ...commonErrors,
            503: error("The database is unavailable, or every graph worker is busy (Retry-After)"),
          },
        },
      },
    },
  };
}
