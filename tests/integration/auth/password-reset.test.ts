/**
 * Password reset over REST and tRPC with a real SMTP server on loopback: the mail that arrives, the link in it, the
 * new password, what ends (sessions, refresh tokens, other links) and every refusal in the one error shape.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { mailSettled } from "../../../src/server/mail/mailer";
import { hashResetToken } from "../../../src/server/auth/reset-links";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";
import { browserLogIn, captureLogs, expectNoSecrets, PASSWORD, postJson, register, tokens } from "../../helpers/auth";
import { resetLinkIn, setupSmtpSink } from "../../helpers/smtp-sink";

const db = setupTestDatabase();
const baseUrl = setupTestServer();
const logs = captureLogs();
const smtp = await setupSmtpSink();
/** Links use APP_URL (unset in tests: http://localhost:3000). */
const APP = "http://localhost:3000";
const NEW_PASSWORD = "a brand new passphrase for spring";

beforeEach(async () => {
  await db().prisma.rateLimit.deleteMany();
});
afterEach(() => {
  vi.useRealTimers();
});

const forgot = (email: string) => postJson(baseUrl(), "/api/auth/password/forgot", { email });
const resetWith = (token: string, password = NEW_PASSWORD) => postJson(baseUrl(), "/api/auth/password/reset", { token, password });

/** Asks for a link for `email` and reads it from the mail that arrives. */
async function mailedToken(email: string): Promise<{ token: string; text: string; html: string; subject: string; to: string }> {
  // A reset mails a "your password was changed" notice in the background: let it land first, so the next mail is ours.
  await mailSettled();
  const arriving = smtp.next();
  expect((await forgot(email)).status).toBe(202);
  const mail = await arriving;
  const link = resetLinkIn(mail);
  return { token: link.searchParams.get("token")!, text: mail.text ?? "", html: String(mail.html), subject: mail.subject ?? "", to: mail.to ? (Array.isArray(mail.to) ? mail.to[0]!.text : mail.to.text) : "" };
}

const auditTypes = async (userId: string) =>
  (await db().prisma.auditEvent.findMany({ where: { userId, type: { startsWith: "password_reset" } }, orderBy: { createdAt: "asc" } })).map((e) => e.type);

describe("password reset", () => {
  it("mails a link; the link sets a new password, ends every session and refresh token, and the old password is refused", async () => {
    const user = await register(baseUrl(), "reset@example.com");
    const api = await tokens(baseUrl(), user.email);
    const browser = await browserLogIn(baseUrl(), user.email);
    expect((await fetch(`${baseUrl()}/api/me`, { headers: { cookie: browser.jar.header() } })).status).toBe(200);

    const mail = await mailedToken(user.email);
    expect(mail.to).toBe("reset@example.com");
    expect(mail.subject).toBe("Reset your Workflow Studio password");
    expect(mail.text).toContain(`${APP}/reset-password?token=${mail.token}`);
    expect(mail.text).toContain("expires in 30 minutes");
    expect(mail.text).toContain("If this wasn't you");
    expect(mail.html).toContain(`href="${APP}/reset-password?token=${mail.token}"`);
    // 256 bits in base64url; only its SHA-256 is stored.
    expect(mail.token).toMatch(/^[\w-]{43}$/);
    const row = await db().prisma.passwordResetToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(row.tokenHash).toBe(hashResetToken(mail.token));
    expect(JSON.stringify(row)).not.toContain(mail.token);

    const done = await resetWith(mail.token);
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ user: { id: user.id, email: user.email } });

    expect((await postJson(baseUrl(), "/api/auth/token", { email: user.email, password: PASSWORD })).status).toBe(401);
    expect((await tokens(baseUrl(), user.email, NEW_PASSWORD)).accessToken).toBeTruthy();
    expect((await fetch(`${baseUrl()}/api/me`, { headers: { cookie: browser.jar.header() } })).status).toBe(401);
    expect((await fetch(`${baseUrl()}/api/me`, { headers: { authorization: `Bearer ${api.accessToken}` } })).status).toBe(401);
    expect((await postJson(baseUrl(), "/api/auth/token/refresh", { refreshToken: api.refreshToken })).status).toBe(401);

    await mailSettled();
    expect(await auditTypes(user.id)).toEqual(["password_reset_requested", "password_reset_sent", "password_reset_used"]);
    expectNoSecrets(logs(), [mail.token, NEW_PASSWORD, PASSWORD]);
  });

  it("refuses a used link, in the one error shape, and audits the refusal", async () => {
    const user = await register(baseUrl(), "reuse@example.com");
    const { token } = await mailedToken(user.email);
    expect((await resetWith(token)).status).toBe(200);
    const again = await resetWith(token, "yet another passphrase here");
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: { code: "BAD_REQUEST", fields: { token: [expect.stringContaining("not valid")] } } });
    expect(again.body!.error.requestId).toBeTruthy();
    expect((await tokens(baseUrl(), user.email, NEW_PASSWORD)).accessToken).toBeTruthy();
    expect(await auditTypes(user.id)).toContain("password_reset_refused");
  });

  it("a link expires after 30 minutes (injected clock) and says so", async () => {
    const user = await register(baseUrl(), "expiry@example.com");
    const { token } = await mailedToken(user.email);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 30 * 60_000 + 1_000 });
    const late = await resetWith(token);
    expect(late.status).toBe(400);
    expect(late.body!.error.message).toMatch(/expired/);
    vi.useRealTimers();
    expect((await tokens(baseUrl(), user.email)).accessToken).toBeTruthy();
    expect(await auditTypes(user.id)).toContain("password_reset_expired");
  });

  it("a link still works just before its 30 minutes are up", async () => {
    const user = await register(baseUrl(), "intime@example.com");
    const { token } = await mailedToken(user.email);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 29 * 60_000 });
    expect((await resetWith(token)).status).toBe(200);
  });

  it("a newer link ends the older one; a password change ends every open link", async () => {
    const user = await register(baseUrl(), "newer@example.com");
    const first = await mailedToken(user.email);
    const second = await mailedToken(user.email);
    expect((await resetWith(first.token)).status).toBe(400);
    expect((await resetWith(second.token)).status).toBe(200);

    const third = await mailedToken(user.email);
    const api = await tokens(baseUrl(), user.email, NEW_PASSWORD);
    const changed = await fetch(`${baseUrl()}/api/trpc/auth.changePassword`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${api.accessToken}` },
      body: JSON.stringify({ currentPassword: NEW_PASSWORD, newPassword: "changed the usual way, in settings" }),
    });
    expect(changed.status).toBe(200);
    const refused = await resetWith(third.token, "not going to happen this time");
    expect(refused.status).toBe(400);
  });

  it("an unknown email gets the same answer and no mail", async () => {
    const user = await register(baseUrl(), "known@example.com");
    const unknown = await forgot("nobody-here@example.com");
    const arriving = smtp.next();
    const known = await forgot(user.email);
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    const [unknownHeaders, knownHeaders] = [unknown.response.headers, known.response.headers];
    expect(unknownHeaders.get("content-type")).toBe(knownHeaders.get("content-type"));
    // The unknown address was asked first; the first message to arrive after it is the known one's.
    expect((await arriving).to).toMatchObject({ text: "known@example.com" });
    await mailSettled();
    expect(smtp.received.some((mail) => JSON.stringify(mail.to).includes("nobody-here"))).toBe(false);
    const requested = await db().prisma.auditEvent.findFirstOrThrow({ where: { type: "password_reset_requested", email: "nobody-here@example.com" } });
    expect(requested.details).toMatchObject({ account: false });
  });

  it("rate-limits requests per email (3 an hour) and per client address (10 an hour) with a 429", async () => {
    const before = smtp.received.length;
    for (let i = 0; i < 3; i++) expect((await forgot("limited@example.com")).status).toBe(202);
    const limited = await forgot("limited@example.com");
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: { code: "TOO_MANY_REQUESTS" } });
    expect(limited.response.headers.get("retry-after")).toMatch(/^\d+$/);
    for (let i = 0; i < 7; i++) expect((await forgot(`other${i}@example.com`)).status).toBe(202);
    expect((await forgot("one-more@example.com")).status).toBe(429);
    expect(smtp.received.length).toBe(before);
  });

  it("refuses a bad token, a bad password and a bad body in the one shape, changing nothing", async () => {
    const user = await register(baseUrl(), "bad@example.com");
    const { token } = await mailedToken(user.email);
    for (const bad of ["", "x".repeat(200), "not-a-real-token-at-all-not-a-real-token-000"]) {
      const answer = await resetWith(bad);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: { code: "BAD_REQUEST" } });
    }
    const weak = await resetWith(token, "short");
    expect(weak.status).toBe(400);
    expect(weak.body!.error.fields.password).toBeTruthy();
    const common = await resetWith(token, "password123");
    expect(common.status).toBe(400);
    const mentionsEmail = await resetWith(token, "bad@example.com is me");
    expect(mentionsEmail.status).toBe(400);
    expect((await postJson(baseUrl(), "/api/auth/password/reset", "[]")).status).toBe(400);
    expect((await postJson(baseUrl(), "/api/auth/password/forgot", { email: "not an email" })).status).toBe(400);
    expect((await postJson(baseUrl(), "/api/auth/password/forgot", { email: "a@example.com", extra: 1 })).status).toBe(400);
    // The link is still good after all that.
    expect((await resetWith(token)).status).toBe(200);
  });

  it("works over tRPC as the pages call it", async () => {
    const user = await register(baseUrl(), "trpc@example.com");
    const arriving = smtp.next();
    const asked = await fetch(`${baseUrl()}/api/trpc/auth.forgotPassword`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3000" },
      body: JSON.stringify({ email: user.email }),
    });
    expect(asked.status).toBe(200);
    const token = resetLinkIn(await arriving).searchParams.get("token")!;
    const done = await fetch(`${baseUrl()}/api/trpc/auth.resetPassword`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3000" },
      body: JSON.stringify({ token, password: NEW_PASSWORD }),
    });
    expect(done.status).toBe(200);
    expect(((await done.json()) as { result: { data: unknown } }).result.data).toEqual({ user });
  });
});
