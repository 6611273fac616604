/** A person signed up and holding an access token, through the real HTTP API of the accounts issue. */
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { getDatabase } from "../../src/server/db/client";
import { mailSettled } from "../../src/server/mail/mailer";

export interface ApiSession {
  userId: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

export async function signUp(baseUrl: string): Promise<ApiSession> {
  const email = `${randomUUID()}@example.com`;
  const password = `pw-${randomUUID()}`;
  const registered = await fetch(`${baseUrl}/api/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  expect(registered.status).toBe(202);
  // The answer no longer names the account (decision 099). These sessions stand for people who opened their
  // verification link (tests/integration/auth/email-verification.test.ts tests that path): no unverified limit.
  await mailSettled();
  const user = await (await getDatabase()).prisma.user.update({ where: { email }, data: { emailVerifiedAt: new Date() }, select: { id: true } });
  const token = await fetch(`${baseUrl}/api/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  expect(token.status).toBe(200);
  const { accessToken, refreshToken } = (await token.json()) as { accessToken: string; refreshToken: string };
  return { userId: user.id, email, password, accessToken, refreshToken };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
