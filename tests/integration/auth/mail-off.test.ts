/**
 * Production on a PostgreSQL server with no SMTP_URL: "Forgot password?" answers 503 in the one error shape, says
 * mail is not configured, and sends or stores nothing.
 */
import { describe, expect, it, vi } from "vitest";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";
import { PASSWORD, postJson, register } from "../../helpers/auth";

vi.stubEnv("NODE_ENV", "production");
vi.stubEnv("AUTH_SECRET", "a-test-secret-that-is-long-enough-0123456789");
// Only read to choose the mail mode: the test file's own database is installed by setupTestDatabase.
vi.stubEnv("DATABASE_URL", "postgresql://unused@127.0.0.1:1/unused");
vi.stubEnv("SMTP_URL", "");

const db = setupTestDatabase();
const baseUrl = setupTestServer();

describe("mail not configured", () => {
  it("answers 503 with a plain message and creates no link", async () => {
    const user = await register(baseUrl(), "nomail@example.com");
    const answer = await postJson(baseUrl(), "/api/auth/password/forgot", { email: user.email });
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ error: { code: "SERVICE_UNAVAILABLE", message: expect.stringMatching(/Email is not configured/) } });
    expect(await db().prisma.passwordResetToken.count()).toBe(0);
  });

  it("starts new accounts verified (nothing could verify them) and answers resend with the same 503", async () => {
    const user = await register(baseUrl(), "nomail-verified@example.com");
    expect((await db().prisma.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeInstanceOf(Date);
    expect(await db().prisma.auditEvent.count({ where: { type: { in: ["email_verification_sent", "email_verification_send_failed"] } } })).toBe(0);
    const { accessToken } = (await postJson(baseUrl(), "/api/auth/token", { email: user.email, password: PASSWORD })).body as { accessToken: string };
    const resend = await postJson(baseUrl(), "/api/auth/email/resend", {}, { authorization: `Bearer ${accessToken}` });
    expect(resend.status).toBe(503);
    expect(resend.body).toMatchObject({ error: { code: "SERVICE_UNAVAILABLE" } });
  });
});
