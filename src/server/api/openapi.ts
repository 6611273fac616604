/**
 * The OpenAPI description of the REST routes, built from the zod schemas the procedures validate their input and
 * output with (src/lib/validation), so the document cannot say something the API does not do
 * (tests/integration/workflows/openapi-conformance.test.ts checks real responses against it).
 */
import { z } from "zod";
import { apiErrorBody } from "~/lib/validation/api-error";
import { tagCounts, workflowDetail, workflowGraphResult, workflowList, workflowTags } from "~/lib/validation/workflow-output";
import { setTagsBody } from "~/lib/validation/tags";
import {
  createWorkflowInput,
  listWorkflowsInput,
  updateWorkflowBody,
  workflowId,
} from "~/lib/validation/workflow";
import {
  MAX_IMPORT_BODY_BYTES,
  MAX_IMPORT_FILES,
  MAX_ZIP_BYTES,
  MAX_ZIP_ENTRIES,
  MAX_ZIP_UNCOMPRESSED_BYTES,
} from "~/lib/workflow-files";
import { exportManifest } from "~/lib/validation/zip-output";
import { deleteAccountInput } from "~/lib/validation/account";
import { accountFile, auditEventsFile, workflowsFile } from "~/lib/validation/account-output";
import { DEFAULT_VERSIONS_PAGE, restoreVersionBody, versionNumber } from "~/lib/validation/history";
import { importSummary, trashList, versionDetail, versionList } from "~/lib/validation/history-output";
import { createShareBody, MAX_SHARES_PER_WORKFLOW } from "~/lib/validation/share";
import { createdShareLink, sharedWorkflow, shareLinkList } from "~/lib/validation/share-output";
import { accountPaths } from "./openapi-accounts";

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
 * The list's query parameters, from the procedure's input schema: `dialects` and `tags` are sent as repeated
 * `dialect` and `tag` parameters, and `direction` (tRPC's infinite queries) has no meaning in REST.
 */
function queryParameters() {
  const properties = (schema(listWorkflowsInput, "input") as { properties?: Record<string, unknown> }).properties ?? {};
  return Object.entries(properties)
    .filter(([name]) => name !== "direction")
    .map(([name, property]) =>
      name === "dialects"
        ? { name: "dialect", in: "query", required: false, style: "form", explode: true, schema: property, description: "Only these frameworks; repeat the parameter for several" }
        : name === "tags"
          ? { name: "tag", in: "query", required: false, style: "form", explode: true, schema: property, description: "Only workflows with every one of these tags (compared normalised: lower-case); repeat the parameter for several" }
          : { name, in: "query", required: false, schema: property },
    );
}

export function openApiDocument(serverUrl: string) {
  const accounts = accountPaths();
  return {
    openapi: "3.1.0",
    info: { title: "Workflow Studio API", version: "1.0.0", description: "Accounts; save, list and load Python workflow scripts." },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "POST /api/auth/token gives one" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
      schemas: {
        /** workflows.json in an exported archive. */
        ExportManifest: schema(exportManifest),
        /** The JSON files of "Download my data" (GET /api/me/export.zip). */
        AccountExportAccount: schema(accountFile),
        AccountExportWorkflows: schema(workflowsFile),
        AccountExportAuditEvents: schema(auditEventsFile),
      },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths: {
      ...accounts,
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
            403: error("The per-person limit is reached, or the email is not verified and the unverified limit is (details.reason \"email_unverified\")"),
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
      "/api/workflows/{id}/tags": {
        parameters: [idParameter],
        put: {
          summary: "Replace the workflow's tags (normalised: trimmed, spaces collapsed, lower-case, duplicates dropped); no new version, no conflict",
          requestBody: { required: true, content: jsonContent(setTagsBody, "input") },
          responses: { 200: { description: "The tags as stored", content: jsonContent(workflowTags) }, ...commonErrors },
        },
      },
      "/api/tags": {
        get: {
          summary: "The tags on your workflows (not those in the trash), A–Z, with how many workflows carry each",
          responses: { 200: { description: "The tags", content: jsonContent(tagCounts) }, 401: baseErrors[401], 503: baseErrors[503] },
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
      "/api/workflows/export.zip": {
        get: {
          summary: "All your workflows (not those in the trash) as one .zip, streamed: each as <name>.py byte for byte (names made unique), plus workflows.json",
          responses: {
            200: {
              description:
                "The archive (chunked; Content-Disposition names it workflows-<date>.zip). workflows.json lists each file's workflow name, tags, framework, created and updated times, version count and SHA-256: see #/components/schemas/ExportManifest",
              content: { "application/zip": { schema: { type: "string", format: "binary" } } },
            },
            401: baseErrors[401],
            503: baseErrors[503],
          },
        },
      },
      "/api/workflows/import": {
        post: {
          summary:
            `Import up to ${MAX_IMPORT_FILES} .py files as new workflows named after them, and/or .zip archives as exported ` +
            `(each .py entry checked like a save, named and tagged as workflows.json says, and skipped when a workflow with the same name and code is already there)`,
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: { type: "object", properties: { files: { type: "array", items: { type: "string", format: "binary" } } } },
              },
            },
          },
          responses: {
            200: {
              description: "A result per file (per entry of a .zip): imported, already there (`existing`), or refused with the reason",
              content: jsonContent(importSummary),
            },
            413: error(
              `The body is larger than ${Math.round(MAX_IMPORT_BODY_BYTES / 1024 / 1024)} MiB, or a .zip is larger than ${MAX_ZIP_BYTES / 1024 / 1024} MiB, ` +
                `holds more than ${MAX_ZIP_ENTRIES} entries or would inflate to more than ${MAX_ZIP_UNCOMPRESSED_BYTES / 1024 / 1024} MiB (nothing is imported)`,
            ),
            415: error("Not multipart/form-data"),
            ...baseErrors,
            400: error("Invalid input, or a .zip that cannot be read (nothing is imported)"),
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
      "/api/me": {
        ...accounts["/api/me"],
        delete: {
          summary: "Delete your account for good: its workflows, their history, share links and every session; asks for the password again",
          description:
            "Everything goes in one transaction; audit events keep a pseudonym instead of your id and email. A confirmation is mailed " +
            "afterwards. Every access token, refresh token and session cookie of the account stops working at once.",
          requestBody: { required: true, content: jsonContent(deleteAccountInput, "input") },
          responses: {
            204: { description: "Deleted" },
            400: error("Invalid input, or the password is not right (fields.password): nothing is deleted"),
            401: error("Not signed in, or the token is expired or invalid"),
            429: error("Too many password attempts: Retry-After and details.retryAfterSeconds"),
            503: error("The database is unavailable"),
          },
        },
      },
      "/api/me/export.zip": {
        get: {
          summary: "Download my data: your account, every workflow (the trash included) with all its versions, and the audit events about you, as one streamed .zip",
          responses: {
            200: {
              description:
                "The archive (chunked; Content-Disposition names it my-data-<date>.zip): account.json (#/components/schemas/AccountExportAccount), " +
                "workflows/<name>.py and trash/<name>.py (each workflow's current code, byte for byte), workflows.json " +
                "(#/components/schemas/AccountExportWorkflows) and audit-events.json (#/components/schemas/AccountExportAuditEvents)",
              content: { "application/zip": { schema: { type: "string", format: "binary" } } },
            },
            401: error("Not signed in, or the token is expired or invalid"),
            429: error("More than 5 exports in an hour: Retry-After and details.retryAfterSeconds"),
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
