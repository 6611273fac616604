/** tRPC callers on the test file's database, as a given person (or nobody), for router tests. */
import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { expect } from "vitest";
import { createInnerContext } from "../../src/server/api/context";
import { createCaller } from "../../src/server/api/root";
import { appErrorOf } from "../../src/server/api/trpc";
import type { Database } from "../../src/server/db/client";
import type { ErrorCode } from "../../src/server/errors/app-error";

export async function createUser(db: Database, email = `${randomUUID()}@example.com`, options: { verified?: boolean } = {}) {
  // A user row as registration and the verification link leave it (decision 099: unverified people keep only a few
  // workflows; tests/integration/auth/email-verification.test.ts covers them); the hash is never verified by these tests.
  return db.prisma.user.create({
    data: { email, passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$unused$unused", emailVerifiedAt: options.verified === false ? null : new Date() },
    select: { id: true, email: true },
  });
}

export function callerFor(db: Database, user: { id: string; email: string } | null) {
  return createCaller(createInnerContext({ db, user }));
}

/** Awaits a call that must fail, and returns the app-level error it answered with. */
export async function expectAppError(promise: Promise<unknown>, code: ErrorCode) {
  const error = await promise.then(
    () => {
      throw new Error(`expected ${code}, but the call succeeded`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  const appError = appErrorOf(error as TRPCError);
  expect(appError.code).toBe(code);
  return appError;
}
