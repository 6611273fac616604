/**
 * The shared page (`/s/<token>`, rendered by Next) counts against the same per-address limit as the shared read of
 * the API. Next cannot answer 429 from a page, so our server counts the request before handing it to Next, and
 * answers a refusal itself: 429 in the one error shape, with `Retry-After` (docs/decisions/090).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { getDatabase } from "../db/client";
import { sendError } from "../http/route";
import { identityOf, nodeHeaders } from "../http/request";
import { countShareView, SHARED_HEADERS } from "./shared";

const SHARED_PAGE = /^\/s\/[^/?#]+\/?(?:[?#]|$)/;

export function isSharedPage(url: string | undefined): boolean {
  return SHARED_PAGE.test(url ?? "/");
}

/** Counts a request for a shared page; true when it was refused (and answered here). */
export async function refuseSharedPageOverLimit(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const request = identityOf(nodeHeaders(req.headers));
  try {
    await countShareView({ ...request, db: await getDatabase() });
    return false;
  } catch (error) {
    res.setHeader("cache-control", "no-store");
    res.setHeader("x-content-type-options", "nosniff");
    for (const [name, value] of Object.entries(SHARED_HEADERS)) res.setHeader(name, value);
    sendError(res, error, request.requestId);
    return true;
  }
}
