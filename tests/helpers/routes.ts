/** The app's route handlers, by their Next.js path pattern, most specific first. */
import * as health from "../../src/app/api/health/route";
import * as trpc from "../../src/app/api/trpc/[trpc]/route";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> | Response;

export type RouteModule = Partial<Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", Handler>>;

export const APP_ROUTES: Array<[string, RouteModule]> = [
  ["/api/health", health as RouteModule],
  ["/api/trpc/[trpc]", trpc as RouteModule],
];
