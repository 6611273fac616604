/** The app's route handlers, by their Next.js path pattern, most specific first. */
import * as health from "../../src/app/api/health/route";
import * as trpc from "../../src/app/api/trpc/[trpc]/route";
import * as nextAuth from "../../src/app/api/auth/[...nextauth]/route";
import * as authRegister from "../../src/app/api/auth/register/route";
import * as authToken from "../../src/app/api/auth/token/route";
import * as authTokenRefresh from "../../src/app/api/auth/token/refresh/route";
import * as authTokenRevoke from "../../src/app/api/auth/token/revoke/route";
import * as me from "../../src/app/api/me/route";
import * as openapi from "../../src/app/api/openapi.json/route";
import * as workflows from "../../src/app/api/workflows/route";
import * as workflow from "../../src/app/api/workflows/[id]/route";
import * as workflowGraph from "../../src/app/api/workflows/[id]/graph/route";
import * as workflowVersions from "../../src/app/api/workflows/[id]/versions/route";
import * as workflowVersion from "../../src/app/api/workflows/[id]/versions/[version]/route";
import * as workflowImport from "../../src/app/api/workflows/import/route";
import * as workflowDownload from "../../src/app/api/workflows/[id]/download/route";
import * as trash from "../../src/app/api/trash/route";
import * as trashed from "../../src/app/api/trash/[id]/route";
import * as trashedRestore from "../../src/app/api/trash/[id]/restore/route";
import * as workflowVersionRestore from "../../src/app/api/workflows/[id]/versions/[version]/restore/route";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> | Response;

export type RouteModule = Partial<Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", Handler>>;

export const APP_ROUTES: Array<[string, RouteModule]> = [
  ["/api/health", health as RouteModule],
  ["/api/trpc/[trpc]", trpc as RouteModule],
  ["/api/auth/register", authRegister as RouteModule],
  ["/api/auth/token/refresh", authTokenRefresh as RouteModule],
  ["/api/auth/token/revoke", authTokenRevoke as RouteModule],
  ["/api/auth/token", authToken as RouteModule],
  ["/api/auth/[...nextauth]", nextAuth as unknown as RouteModule],
  ["/api/me", me as RouteModule],
  ["/api/openapi.json", openapi as RouteModule],
  ["/api/workflows", workflows as unknown as RouteModule],
  ["/api/workflows/import", workflowImport as unknown as RouteModule],
  ["/api/workflows/[id]/download", workflowDownload as unknown as RouteModule],
  ["/api/trash", trash as unknown as RouteModule],
  ["/api/trash/[id]/restore", trashedRestore as unknown as RouteModule],
  ["/api/trash/[id]", trashed as unknown as RouteModule],
  ["/api/workflows/[id]/graph", workflowGraph as unknown as RouteModule],
  ["/api/workflows/[id]/versions/[version]/restore", workflowVersionRestore as unknown as RouteModule],
  ["/api/workflows/[id]/versions/[version]", workflowVersion as unknown as RouteModule],
  ["/api/workflows/[id]/versions", workflowVersions as unknown as RouteModule],
  ["/api/workflows/[id]", workflow as unknown as RouteModule],
];
