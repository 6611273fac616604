/**
 * The API our own server answers itself, before Next.js (docs/decisions/060): tRPC, the workflows' REST routes, the
 * account token routes, `/api/me`, `/api/health` and the access tokens' public keys (`/.well-known/jwks.json`). Every handler goes through `route()` (src/server/http/route.ts).
 * Anything else — pages, server components, next-auth (`/api/auth/*` but the token, register and password routes), the OpenAPI
 * document — is Next's; any other address under `/api/` gets the one error shape's 404 here.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import * as account from "../auth/http";
import * as me from "./account-routes";
import { jwks } from "../auth/jwks";
import { getConfig } from "../config";
import { AppError } from "../errors/app-error";
import { type NodeRoute, route, sendError } from "../http/route";
import { identityOf, nodeHeaders } from "../http/request";
import { checkHealth } from "../services/health";
import { TRPC_ENDPOINT, trpcRoute } from "./trpc-http";
import * as shares from "./share-routes";
import * as workflows from "./workflow-routes";

const health = route(async ({ withDatabase }) => {
  const { db } = await withDatabase();
  const report = await checkHealth(db, getConfig().DATABASE_TIMEOUT_MS);
  return { status: report.status === "ok" ? 200 : 503, body: report };
});

type Methods = Partial<Record<"GET" | "POST" | "PUT" | "DELETE", NodeRoute<never>>>;

/** Exact paths. */
const EXACT: Record<string, Methods> = {
  "/api/health": { GET: health },
  "/api/me": { GET: workflows.me, DELETE: me.deleteMe },
  "/api/me/export.zip": { GET: me.exportMyData },
  "/api/auth/register": { POST: account.register },
  "/api/auth/token": { POST: account.token },
  "/api/auth/token/refresh": { POST: account.refreshToken },
  "/api/auth/token/revoke": { POST: account.revokeToken },
  "/api/auth/password/forgot": { POST: account.forgotPassword },
  "/api/auth/password/reset": { POST: account.resetPasswordRoute },
  "/api/auth/email/verify": { POST: account.verifyEmailRoute },
  "/api/auth/email/resend": { POST: workflows.resendVerification },
  "/api/workflows": { GET: workflows.listWorkflows, POST: workflows.createWorkflow },
  "/api/trash": { GET: workflows.listTrash },
  "/api/tags": { GET: workflows.listTags },
  "/api/workflows/import": { POST: workflows.importWorkflows },
  "/api/shares": { GET: shares.listMyShares },
  "/.well-known/jwks.json": { GET: jwks },
  "/api/workflows/export.zip": { GET: workflows.exportZip },
};

/** Paths with parameters: each pattern's groups are the named parameters, in order; the first match wins. */
const PATTERNS: Array<{ pattern: RegExp; params: readonly string[]; methods: Methods }> = [
  { pattern: /^\/api\/workflows\/([^/]+)\/download$/, params: ["id"], methods: { GET: workflows.downloadWorkflow } },
  { pattern: /^\/api\/trash\/([^/]+)\/restore$/, params: ["id"], methods: { POST: workflows.restoreFromTrash } },
  { pattern: /^\/api\/trash\/([^/]+)$/, params: ["id"], methods: { DELETE: workflows.deleteForever } },
  {
    pattern: /^\/api\/workflows\/([^/]+)\/versions\/([^/]+)\/restore$/,
    params: ["id", "version"],
    methods: { POST: workflows.restoreVersion },
  },
  { pattern: /^\/api\/workflows\/([^/]+)\/versions\/([^/]+)$/, params: ["id", "version"], methods: { GET: workflows.getVersion } },
  { pattern: /^\/api\/workflows\/([^/]+)\/versions$/, params: ["id"], methods: { GET: workflows.listVersions } },
  { pattern: /^\/api\/workflows\/([^/]+)\/shares$/, params: ["id"], methods: { GET: shares.listWorkflowShares, POST: shares.createShare } },
  { pattern: /^\/api\/shares\/([^/]+)$/, params: ["id"], methods: { DELETE: shares.revokeShare } },
  { pattern: /^\/api\/shared\/([^/]+)$/, params: ["token"], methods: { GET: shares.viewShared } },
  { pattern: /^\/api\/workflows\/([^/]+)\/tags$/, params: ["id"], methods: { PUT: workflows.setTags } },
  { pattern: /^\/api\/workflows\/([^/]+)\/graph$/, params: ["id"], methods: { GET: workflows.workflowGraph } },
  {
    pattern: /^\/api\/workflows\/([^/]+)$/,
    params: ["id"],
    methods: { GET: workflows.getWorkflow, PUT: workflows.updateWorkflow, DELETE: workflows.deleteWorkflow },
  },
];

const TRPC = /^\/api\/trpc\/[^/]/;

function find(pathname: string): { methods: Methods; params: Record<string, string> } | null {
  const exact = EXACT[pathname];
  if (exact) return { methods: exact, params: {} };
  if (TRPC.test(pathname)) return { methods: { GET: trpcRoute, POST: trpcRoute }, params: {} };
  for (const { pattern, params, methods } of PATTERNS) {
    const match = pattern.exec(pathname);
    if (match) return { methods, params: Object.fromEntries(params.map((name, i) => [name, decodeURIComponent(match[i + 1]!)])) };
  }
  return null;
}

/** The API addresses Next still serves: next-auth's routes (but ours above) and the OpenAPI document (src/app/api). */
function servedByNext(pathname: string): boolean {
  return pathname.startsWith("/api/auth/") || pathname === "/api/openapi.json";
}

/**
 * Answers the request when it is one of the API's and returns true; false leaves it to Next. The path must decode
 * (the server checks it before calling this).
 */
export function serveApi(req: IncomingMessage, res: ServerResponse): boolean {
  const rawUrl = req.url ?? "/";
  if (!rawUrl.startsWith("/api/") && !rawUrl.startsWith("/.well-known/")) return false;
  const url = new URL(rawUrl, "http://localhost");
  let found: ReturnType<typeof find>;
  try {
    found = find(url.pathname);
  } catch {
    // A percent-escape that does not decode (`/api/workflows/%ZZ`): the server refuses these first; so do we.
    void route(() => Promise.reject(new AppError("BAD_REQUEST", "The request path is not valid.")))(req, res, url, {} as never);
    return true;
  }
  if (!found) {
    if (!url.pathname.startsWith("/api/") || servedByNext(url.pathname)) return false;
    // An address under /api/ that no route answers (`/api/shared/`, `/api/nope`): the one error shape, not Next's HTML page.
    void route(() => Promise.reject(new AppError("NOT_FOUND", "There is no API route at this address.")))(req, res, url, {} as never);
    return true;
  }
  const method = (req.method ?? "GET").toUpperCase();
  const handler = found.methods[(method === "HEAD" ? "GET" : method) as keyof Methods];
  if (!handler) {
    const allow = Object.keys(found.methods).join(", ");
    if (method === "OPTIONS") {
      res.writeHead(204, { allow, "cache-control": "no-store" });
      res.end();
      return true;
    }
    const refused = new AppError("METHOD_NOT_SUPPORTED", `This route accepts ${allow}.`, { headers: { allow } });
    void route(() => Promise.reject(refused))(req, res, url, {} as never);
    return true;
  }
  void (handler as NodeRoute<Record<string, string>>)(req, res, url, found.params).catch((error: unknown) => {
    sendError(res, error, identityOf(nodeHeaders(req.headers)).requestId);
  });
  return true;
}

export { TRPC_ENDPOINT };
