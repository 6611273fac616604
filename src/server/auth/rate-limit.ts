/**
 * Rate limits on rate-limiter-flexible, with counters in our database (table rate_limits) so they hold across
 * restarts and across app instances. The store is one atomic statement (INSERT … ON CONFLICT … DO UPDATE …
 * RETURNING), which PGlite and PostgreSQL both run through the same Prisma client. Keys are hashed: no address or
 * email is kept in clear. See docs/security/rate-limiting.md.
 */
import { createHash } from "node:crypto";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { Database } from "../db/client";

interface CounterRow {
  points: number;
  expire: Date | null;
}

/**
 * rate-limiter-flexible's store contract (`_upsert`, `_get`, `_delete`, `_getRateLimiterRes`) over rate_limits.
 * It extends the library's RateLimiterPrisma (its store base class is not exported at run time) and replaces its
 * two-statement, non-atomic upsert with one atomic statement.
 */
class RateLimiterDatabase extends RateLimiterPrisma {
  constructor(
    private readonly db: Database,
    opts: { keyPrefix: string; points: number; duration: number },
  ) {
    super({ ...opts, storeClient: db.prisma, tableName: "rateLimit", clearExpiredByTimeout: false, inMemoryBlockOnConsumed: 0 });
  }

  _getRateLimiterRes(_rlKey: string, changedPoints: number, row: CounterRow): RateLimiterRes {
    const consumed = Number(row.points);
    const msBeforeNext = row.expire ? Math.max(new Date(row.expire).getTime() - Date.now(), 0) : -1;
    return new RateLimiterRes(Math.max(this.points - consumed, 0), msBeforeNext, consumed, consumed === changedPoints);
  }

  async _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<CounterRow> {
    const now = new Date();
    const expire = msDuration > 0 ? new Date(now.getTime() + msDuration) : null;
    const rows = forceExpire
      ? await this.db.prisma.$queryRaw<CounterRow[]>`
          INSERT INTO rate_limits (key, points, expire) VALUES (${key}, ${points}, ${expire})
          ON CONFLICT (key) DO UPDATE SET points = EXCLUDED.points, expire = EXCLUDED.expire
          RETURNING points, expire`
      : await this.db.prisma.$queryRaw<CounterRow[]>`
          INSERT INTO rate_limits (key, points, expire) VALUES (${key}, ${points}, ${expire})
          ON CONFLICT (key) DO UPDATE SET
            points = CASE WHEN rate_limits.expire IS NOT NULL AND rate_limits.expire <= ${now}
                          THEN EXCLUDED.points ELSE rate_limits.points + EXCLUDED.points END,
            expire = CASE WHEN rate_limits.expire IS NOT NULL AND rate_limits.expire <= ${now}
                          THEN EXCLUDED.expire ELSE rate_limits.expire END
          RETURNING points, expire`;
    return rows[0]!;
  }

  /** Gives back one point of a live window (never below zero; an expired window is left alone). */
  async refund(subject: string): Promise<void> {
    const key = this.getKey(subject);
    await this.db.prisma.$executeRaw`
      UPDATE rate_limits SET points = GREATEST(points - 1, 0)
      WHERE key = ${key} AND (expire IS NULL OR expire > ${new Date()})`;
  }

  async _get(key: string): Promise<CounterRow | null> {
    const row = await this.db.prisma.rateLimit.findUnique({ where: { key } });
    if (!row || (row.expire && row.expire.getTime() <= Date.now())) return null;
    return row;
  }

  async _delete(key: string): Promise<boolean> {
    const { count } = await this.db.prisma.rateLimit.deleteMany({ where: { key } });
    return count > 0;
  }
}

export interface LimitSpec {
  /** Short name, in keys and audit events. */
  name: string;
  points: number;
  durationSeconds: number;
}

/** The limits of docs/security/rate-limiting.md. */
export const LIMITS = {
  /**
   * Password checks per (client address, email): 5 per 15 minutes, counted before the check (decision 038).
   * A success clears it. Log-in (browser and API) and change-password draw on it alike.
   */
  loginPerAddressAndEmail: { name: "login_address_email", points: 5, durationSeconds: 15 * 60 },
  /** Password checks per client address, whatever the email: 50 per hour. A success gives its point back. */
  loginPerAddress: { name: "login_address", points: 50, durationSeconds: 60 * 60 },
  /** Registrations per client address: 10 per hour. */
  registerPerAddress: { name: "register_address", points: 10, durationSeconds: 60 * 60 },
  /** Password-reset requests per client address, whatever the email: 10 per hour. */
  resetRequestPerAddress: { name: "reset_address", points: 10, durationSeconds: 60 * 60 },
  /** Password-reset requests per email, from anywhere: 3 per hour (one inbox is not flooded). */
  resetRequestPerEmail: { name: "reset_email", points: 3, durationSeconds: 60 * 60 },
  /** New passwords sent with a reset link, per client address (good links or not): 20 per 15 minutes. */
  resetAttemptPerAddress: { name: "reset_attempt_address", points: 20, durationSeconds: 15 * 60 },
  /** Registration mails (a verification link or a "someone tried to register" notice) per email: 3 per hour. */
  registerMailPerEmail: { name: "register_mail_email", points: 3, durationSeconds: 60 * 60 },
  /** Verification links sent again, per account: 3 per hour (docs/security/email-verification.md). */
  verifyResendPerAccount: { name: "verify_resend_account", points: 3, durationSeconds: 60 * 60 },
  /** Verification links sent again, per client address, whatever the account: 10 per hour. */
  verifyResendPerAddress: { name: "verify_resend_address", points: 10, durationSeconds: 60 * 60 },
  /** Verification links tried per client address (good or not): 30 per 15 minutes. */
  verifyAttemptPerAddress: { name: "verify_attempt_address", points: 30, durationSeconds: 15 * 60 },
  /** Token refreshes per client address (good or bad): 120 per 15 minutes. */
  refreshPerAddress: { name: "refresh_address", points: 120, durationSeconds: 15 * 60 },
  /** Reads of shared links (`/s/<token>`, `GET /api/shared/:token`, `share.view`) per client address: 60 per minute. */
  shareViewPerAddress: { name: "share_address", points: 60, durationSeconds: 60 },
  /** "Download my data" per account: 5 per hour (each reads every workflow and version; decision 104). */
  dataExportPerUser: { name: "data_export_user", points: 5, durationSeconds: 60 * 60 },
} as const satisfies Record<string, LimitSpec>;

/** The key of a subject (address, email…), hashed so the table holds no personal data in clear. */
export function subjectKey(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("base64url");
}

export class RateLimitExceeded extends Error {
  override name = "RateLimitExceeded";
  constructor(
    readonly limit: string,
    readonly retryAfterSeconds: number,
  ) {
    super(`rate limit ${limit} exceeded`);
  }
}

const limiters = new WeakMap<Database, Map<string, RateLimiterDatabase>>();

function limiterFor(db: Database, spec: LimitSpec): RateLimiterDatabase {
  let byName = limiters.get(db);
  if (!byName) limiters.set(db, (byName = new Map()));
  let limiter = byName.get(spec.name);
  if (!limiter) {
    limiter = new RateLimiterDatabase(db, { keyPrefix: spec.name, points: spec.points, duration: spec.durationSeconds });
    byName.set(spec.name, limiter);
  }
  return limiter;
}

function retryAfter(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/** Throws RateLimitExceeded when the subject has used up its points already (consumes nothing). */
export async function assertNotLimited(db: Database, spec: LimitSpec, subject: string): Promise<void> {
  const res = await limiterFor(db, spec).get(subject);
  if (res && res.consumedPoints >= spec.points) throw new RateLimitExceeded(spec.name, retryAfter(res));
}

/**
 * Counts one attempt, atomically (one statement increments and reads the counter, so concurrent attempts each see
 * their own count); throws RateLimitExceeded when it goes past the limit.
 */
export async function consume(db: Database, spec: LimitSpec, subject: string): Promise<void> {
  try {
    await limiterFor(db, spec).consume(subject, 1);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw new RateLimitExceeded(spec.name, retryAfter(error));
    throw error;
  }
}

/**
 * Counts one attempt against each (limit, subject) in turn. When one refuses, the points already taken from the
 * others are given back, so a refused attempt does not use up the allowance of the counters that admitted it.
 */
export async function consumeEach(db: Database, counters: ReadonlyArray<readonly [LimitSpec, string]>): Promise<void> {
  const taken: Array<readonly [LimitSpec, string]> = [];
  for (const counter of counters) {
    try {
      await consume(db, counter[0], counter[1]);
    } catch (error) {
      for (const [spec, subject] of taken) await refund(db, spec, subject);
      throw error;
    }
    taken.push(counter);
  }
}

/** Gives one point back to a subject whose window is still open (a success that the policy does not count). */
export async function refund(db: Database, spec: LimitSpec, subject: string): Promise<void> {
  await limiterFor(db, spec).refund(subject);
}

/** Clears a subject's counter (a successful log-in clears its (address, email) failures). */
export async function reset(db: Database, spec: LimitSpec, subject: string): Promise<void> {
  await limiterFor(db, spec).delete(subject);
}

/** Deletes counters that expired more than an hour ago (run now and then; the table stays small). */
export async function pruneExpiredCounters(db: Database, now = Date.now()): Promise<number> {
  const { count } = await db.prisma.rateLimit.deleteMany({ where: { expire: { lt: new Date(now - 3_600_000) } } });
  return count;
}
