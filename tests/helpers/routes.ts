/**
 * The route handlers Next.js still serves (next-auth, the OpenAPI document), by their Next.js path pattern, most
 * specific first. The rest of the API is our own server's (src/server/api/http-routes.ts).
 */
import * as nextAuth from "../../src/app/api/auth/[...nextauth]/route";
import * as openapi from "../../src/app/api/openapi.json/route";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> | Response;

export type RouteModule = Partial<Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", Handler>>;

export const APP_ROUTES: Array<[string, RouteModule]> = [
  ["/api/auth/[...nextauth]", nextAuth as unknown as RouteModule],
  ["/api/openapi.json", openapi as RouteModule],
];
