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
import { MAX_IMPORT_BODY_BYTES, MAX_IMPORT_FILES } from "~/lib/workflow-files";
import { DEFAULT_VERSIONS_PAGE, restoreVersionBody, versionNumber } from "~/lib/validation/history";
import { importSummary, trashList, versionDetail, versionList } from "~/lib/validation/history-output";
import { createShareBody, MAX_SHARES_PER_WORKFLOW } from "~/lib/validation/share";
import { createdShareLink, sharedWorkflow, shareLinkList } from "~/lib/validation/share-output";

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
const versionParameter = { name: "version", in: "path", required: true, schema: schema(versionNumber) };

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
            413: error("The code is larger than 512 KiB, or your storage is full (details: usedBytes, limitBytes)"),
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
            413: error("The code is larger than 512 KiB, or your storage is full (details: usedBytes, limitBytes)"),
            ...commonErrors,
          },
        },
        delete: {
          summary: "Move a workflow to the trash (restorable until it is purged)",
          responses: { 204: { description: "In the trash" }, ...commonErrors },
        },
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
      "/api/workflows/{id}/download": {
        parameters: [idParameter],
        get: {
          summary: "The workflow's code as a .py file, byte for byte (a byte-order mark and CRLF kept)",
          responses: {
            200: {
              description: "The file; Content-Disposition names it after the workflow",
              content: { "text/x-python": { schema: { type: "string" } } },
            },
            ...commonErrors,
          },
        },
      },
      "/api/workflows/import": {
        post: {
          summary: `Import up to ${MAX_IMPORT_FILES} .py files as new workflows named after them; each file is checked like a save`,
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: { type: "object", properties: { files: { type: "array", items: { type: "string", format: "binary" } } } },
              },
            },
          },
          responses: {
            200: { description: "A result per file: imported (with the workflow) or refused (with the reason)", content: jsonContent(importSummary) },
            413: error(`The body is larger than ${Math.round(MAX_IMPORT_BODY_BYTES / 1024 / 1024)} MiB`),
            415: error("Not multipart/form-data"),
            ...commonErrors,
          },
        },
      },
      "/api/trash": {
        get: {
          summary: "Your trashed workflows, most recently deleted first",
          parameters: [
            { name: "cursor", in: "query", required: false, schema: { type: "string" }, description: "nextCursor of the previous page" },
            { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 100 } },
          ],
          responses: { 200: { description: "A page", content: jsonContent(trashList) }, ...baseErrors },
        },
      },
      "/api/trash/{id}": {
        parameters: [idParameter],
        delete: {
          summary: "Delete a trashed workflow and its history for good",
          responses: { 204: { description: "Deleted" }, ...commonErrors, 404: error("Not in your trash") },
        },
      },
      "/api/trash/{id}/restore": {
        parameters: [idParameter],
        post: {
          summary: "Take a workflow out of the trash",
          responses: {
            200: { description: "Restored: the workflow", content: jsonContent(workflowDetail) },
            403: error("The per-person workflow limit is reached"),
            ...commonErrors,
            404: error("Not in your trash"),
          },
        },
      },
      "/api/workflows/{id}/versions": {
        parameters: [idParameter],
        get: {
          summary: "The workflow's current state and its earlier versions, newest first",
          parameters: [
            { name: "cursor", in: "query", required: false, schema: { type: "string" }, description: "nextCursor of the previous page" },
            { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 100, default: DEFAULT_VERSIONS_PAGE } },
          ],
          responses: { 200: { description: "A page", content: jsonContent(versionList) }, ...commonErrors },
        },
      },
      "/api/workflows/{id}/versions/{version}": {
        parameters: [idParameter, versionParameter],
        get: {
          summary: "One version with its code",
          responses: { 200: { description: "The version", content: jsonContent(versionDetail) }, ...commonErrors },
        },
      },
      "/api/workflows/{id}/shares": {
        parameters: [idParameter],
        get: {
          summary: "This workflow's read-only share links, newest first (never their tokens)",
          responses: { 200: { description: "The links", content: jsonContent(shareLinkList) }, ...commonErrors },
        },
        post: {
          summary: "Make a read-only share link: how long it lives, and the latest save or one pinned version",
          requestBody: { required: true, content: jsonContent(createShareBody, "input") },
          responses: {
            201: { description: "Made: the token is in this answer only (stored as its SHA-256)", content: jsonContent(createdShareLink) },
            403: error(`The workflow has ${MAX_SHARES_PER_WORKFLOW} links already`),
            413: error("A pinned version's code does not fit in your storage (details: usedBytes, limitBytes, neededBytes)"),
            ...commonErrors,
            404: error("No such workflow (or not yours), or no such version of it"),
          },
        },
      },
      "/api/shares": {
        get: {
          summary: "All your share links (of workflows not in the trash), newest first",
          parameters: [{ name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 200, default: 200 } }],
          responses: { 200: { description: "The links", content: jsonContent(shareLinkList) }, ...baseErrors },
        },
      },
      "/api/shares/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
        delete: {
          summary: "Revoke a share link: from now on its token answers 404, like any wrong token",
          responses: { 204: { description: "Revoked" }, ...baseErrors, 404: error("No such link (or not yours)") },
        },
      },
      "/api/shared/{token}": {
        parameters: [{ name: "token", in: "path", required: true, schema: { type: "string" } }],
        get: {
          summary: "A shared workflow's name and code, read-only, for anyone holding the token (no account)",
          security: [],
          responses: {
            200: { description: "The workflow as the link shows it (noindex, no-referrer)", content: jsonContent(sharedWorkflow) },
            404: error("The same answer for a wrong, revoked or expired token and a deleted workflow"),
            429: error("Too many reads from your address: Retry-After and details.retryAfterSeconds"),
            503: error("The database is unavailable"),
          },
        },
      },
      "/api/workflows/{id}/versions/{version}/restore": {
        parameters: [idParameter, versionParameter],
        post: {
          summary: "Make this version's code current, as a new version, if the workflow is still at the version you read",
          requestBody: { required: true, content: jsonContent(restoreVersionBody, "input") },
          responses: {
            200: { description: "Restored: the workflow as it is now", content: jsonContent(workflowDetail) },
            409: error("Changed since you read it: details hold currentVersion and updatedAt"),
            413: error("Your storage is full: details hold usedBytes, limitBytes and neededBytes"),
            ...commonErrors,
          },
        },
      },
    },
  };
}
