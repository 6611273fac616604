/**
 * The public side of share links (docs/decisions/090): anyone holding a token reads the workflow's name and code,
 * with no account. Every refusal — a wrong, malformed, revoked or expired token, or a trashed workflow — is the same
 * single indexed lookup that finds nothing, answered with the same 404. Reads are rate-limited per client address.
 */
import { audit, type RequestInfo } from "../auth/audit";
import { rateLimited } from "../auth/errors";
import { consume, LIMITS, RateLimitExceeded, subjectKey } from "../auth/rate-limit";
import type { Database } from "../db/client";
import { AppError } from "../errors/app-error";
import type { SharedWorkflow } from "~/lib/validation/share-output";
import { restoreLeadingBom } from "../workflows/service";
import { hashShareToken } from "./tokens";

/**
 * What every answer about a shared workflow carries, 200, 404 and 429 alike: no `Referer` leaves the page (the token
 * is in its URL) and no search engine keeps it. next.config.mjs gives the page (`/s/:token`) the same two.
 */
export const SHARED_HEADERS: Readonly<Record<string, string>> = {
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex, nofollow, noarchive",
};

/** The one answer to every token that opens nothing. */
export const noSuchSharedWorkflow = () => new AppError("NOT_FOUND", "This link does not exist, has expired or was revoked.");

/** Counts one read of a shared link by the request's address; over the limit → 429 in the one shape, audited. */
export async function countShareView(req: RequestInfo): Promise<void> {
  try {
    await consume(req.db, LIMITS.shareViewPerAddress, subjectKey(req.clientAddress));
  } catch (error) {
    if (!(error instanceof RateLimitExceeded)) throw error;
    await audit(req, { type: "rate_limited", details: { limit: error.limit } });
    throw rateLimited(error.retryAfterSeconds);
  }
}

/** The workflow a token opens, as of `now` (not counted against the rate limit: the caller did that). */
export async function readShared(db: Database, token: string, now: Date = new Date()): Promise<SharedWorkflow> {
  const row = await db.prisma.shareLink.findFirst({
    where: {
      tokenHash: hashShareToken(token),
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
      workflow: { deletedAt: null },
    },
    select: {
      expiresAt: true,
      pinnedVersion: true,
      pinnedName: true,
      pinnedCode: true,
      pinnedBytes: true,
      pinnedSavedAt: true,
      workflow: { select: { name: true, code: true, codeBytes: true, version: true, updatedAt: true } },
    },
  });
  if (!row) throw noSuchSharedWorkflow();
  const expiresAt = row.expiresAt?.toISOString() ?? null;
  if (row.pinnedVersion !== null && row.pinnedCode !== null) {
    return {
      name: row.pinnedName ?? row.workflow.name,
      code: restoreLeadingBom(row.pinnedCode, row.pinnedBytes),
      version: row.pinnedVersion,
      savedAt: (row.pinnedSavedAt ?? row.workflow.updatedAt).toISOString(),
      pinned: true,
      expiresAt,
    };
  }
  const { workflow } = row;
  return {
    name: workflow.name,
    code: restoreLeadingBom(workflow.code, workflow.codeBytes),
    version: workflow.version,
    savedAt: workflow.updatedAt.toISOString(),
    pinned: false,
    expiresAt,
  };
}

/** A counted read: what `GET /api/shared/:token` and `share.view` answer. */
export async function viewShared(req: RequestInfo, token: string, now?: Date): Promise<SharedWorkflow> {
  await countShareView(req);
  return readShared(req.db, token, now);
}
