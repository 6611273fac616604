/** Small helpers the auth REST routes share: the request's identity for the services, and the handler wrapper. */
import { requestMeta } from "../api/context";
import { getDatabase } from "../db/client";
import { errorResponse } from "../http/respond";
import type { RequestInfo } from "./audit";

export async function requestInfo(req: Request): Promise<RequestInfo> {
  return { ...requestMeta(req), db: await getDatabase() };
}

/** Runs a REST handler; any error leaves in the one shape, with the request id. */
export async function handleAuthRoute(req: Request, handler: (info: RequestInfo) => Promise<Response>): Promise<Response> {
  const { requestId } = requestMeta(req);
  try {
    return await handler(await requestInfo(req));
  } catch (error) {
    return errorResponse(error, requestId);
  }
}
