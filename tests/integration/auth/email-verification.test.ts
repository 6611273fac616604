/**
 * Email verification and enumeration-free registration (docs/security/email-verification.md), over REST and tRPC
 * with a real SMTP server on loopback: the same answer for a new and a taken email (status, body, headers, time), the
 * mail each gets, the link (hashed at rest, single use, 24 hours), resending (rate-limited), and the workflow limit
 * before verification on every path that adds a workflow.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ParsedMail } from "mailparser";
import { hashLinkToken } from "../../../src/server/auth/single-use-links";
import { mailSettled } from "../../../src/server/mail/mailer";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";
import { captureLogs, expectNoSecrets, PASSWORD, postJson, register, tokens } from "../../helpers/auth";
import { setupSmtpSink } from "../../helpers/smtp-sink";
import { rawZip } from "../../helpers/zip-bytes";

// The default limit (3) is what these tests check: nothing in the test set-up changes it.
vi.stubEnv("UNVERIFIED_WORKFLOW_LIMIT", undefined);

const db = setupTestDatabase();
const baseUrl = setupTestServer();
const logs = captureLogs();
const smtp = await setupSmtpSink();
const APP = "http://localhost:3000";
const CHECK_EMAIL = { message: "Check your email to finish signing up" };
const CODE = "from prefect import flow\n\n@flow\ndef main():\n    pass\n";

beforeEach(async () => {
  await db().prisma.rateLimit.deleteMany();
});
afterEach(() => {
  vi.useRealTimers();
});

const registerWith = (email: string, password = PASSWORD) => postJson(baseUrl(), "/api/auth/register", { email, password });
const verify = (token: string) => postJson(baseUrl(), "/api/auth/email/verify", { token });
const bearer = (accessToken: string) => ({ authorization: `Bearer ${accessToken}` });
const resend = (accessToken: string) => postJson(baseUrl(), "/api/auth/email/resend", {}, bearer(accessToken));
const recipient = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(",") : (mail.to?.text ?? ""));

/** The token in a verification mail's link. */
function verificationToken(mail: ParsedMail): string {
  const match = /https?:\/\/\S+\/verify-email\?token=([\w-]+)/.exec(mail.text ?? "");
  if (!match) throw new Error(`no verification link in: ${mail.text}`);
  return match[1]!;
}

/** Registers and answers the new account with the token from the verification mail that arrives. */
async function signUpWithMail(email: string): Promise<{ id: string; email: string; token: string; mail: ParsedMail }> {
  const arriving = smtp.next();
  expect((await registerWith(email)).status).toBe(202);
  const mail = await arriving;
  const user = await db().prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, email: true } });
  return { ...user, token: verificationToken(mail), mail };
}

/** The response headers that must not differ between two answers (everything but the request id and date). */
function comparable(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!["x-request-id", "date"].includes(name)) headers[name] = value;
  });
  return headers;
}

const auditTypes = async (userId: string) =>
  (await db().prisma.auditEvent.findMany({ where: { userId, type: { startsWith: "email_verification" } }, orderBy: { createdAt: "asc" } })).map((e) => e.type);

describe("enumeration-free registration", () => {
  it("answers a new and a taken email alike (status, body, headers); each address gets the right mail", async () => {
    const arrivingNew = smtp.next();
    const fresh = await registerWith("grace@example.com");
    const welcome = await arrivingNew;
    const arrivingTaken = smtp.next();
    const taken = await registerWith("grace@example.com", "a different passphrase altogether");
    const notice = await arrivingTaken;

    for (const answer of [fresh, taken]) {
      expect(answer.status).toBe(202);
      expect(answer.body).toEqual(CHECK_EMAIL);
    }
    expect(comparable(taken.response)).toEqual(comparable(fresh.response));

    expect(recipient(welcome)).toBe("grace@example.com");
    expect(welcome.subject).toBe("Verify your email for Workflow Studio");
    expect(welcome.text).toMatch(new RegExp(`${APP}/verify-email\\?token=[\\w-]{43}`));
    expect(welcome.text).toContain("expires in 24 hours");
    expect(welcome.text).toContain("If this wasn't you");

    expect(recipient(notice)).toBe("grace@example.com");
    expect(notice.subject).toBe("Someone tried to sign up with your Workflow Studio email");
    expect(notice.text).toContain(`${APP}/login`);
    expect(notice.text).toContain(`${APP}/forgot-password`);
    expect(notice.text).not.toMatch(/verify-email|token=/);

    // One account, still with its first password; the second attempt is audited as refused.
    expect(await db().prisma.user.count({ where: { email: "grace@example.com" } })).toBe(1);
    expect((await tokens(baseUrl(), "grace@example.com")).accessToken).toBeTruthy();
    expect((await postJson(baseUrl(), "/api/auth/token", { email: "grace@example.com", password: "a different passphrase altogether" })).status).toBe(401);
    await mailSettled();
    const refused = await db().prisma.auditEvent.findFirstOrThrow({ where: { type: "register_refused" } });
    expect(refused).toMatchObject({ email: "grace@example.com", details: { reason: "email_taken" } });
    expect(await db().prisma.auditEvent.count({ where: { type: "register_notice_sent" } })).toBe(1);
  });

  it("answers the same over tRPC, and a refused password is still a 400 before anything else", async () => {
    await register(baseUrl(), "trpc-reg@example.com");
    const fresh = await postJson(baseUrl(), "/api/trpc/auth.register", { email: "trpc-new@example.com", password: PASSWORD });
    const taken = await postJson(baseUrl(), "/api/trpc/auth.register", { email: "trpc-reg@example.com", password: PASSWORD });
    expect(fresh.status).toBe(200);
    expect(taken.status).toBe(200);
    expect(fresh.body!.result.data).toEqual(CHECK_EMAIL);
    expect(taken.body).toEqual(fresh.body);

    const weak = await registerWith("weak@example.com", "password");
    expect(weak.status).toBe(400);
    expect(weak.body).toMatchObject({ error: { code: "BAD_REQUEST", fields: { password: [expect.any(String)] } } });
    expect(await db().prisma.user.count({ where: { email: "weak@example.com" } })).toBe(0);
  });

  it("takes the same time for a new and a taken email (medians of 30, the same hashing work)", async () => {
    await register(baseUrl(), "timing-taken@example.com");
    const time = async (email: string) => {
      await db().prisma.rateLimit.deleteMany();
      const started = performance.now();
      const answer = await registerWith(email);
      const elapsed = performance.now() - started;
      expect(answer.status).toBe(202);
      return elapsed;
    };
    await time("timing-warm-up@example.com");
    const fresh: number[] = [];
    const taken: number[] = [];
    for (let i = 0; i < 30; i++) {
      fresh.push(await time(`timing-${i}@example.com`));
      taken.push(await time("timing-taken@example.com"));
    }
    await mailSettled();
    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return (sorted[14]! + sorted[15]!) / 2;
    };
    const [m1, m2] = [median(fresh), median(taken)];
    process.stdout.write(`registration medians of 30: new ${m1.toFixed(1)} ms, taken ${m2.toFixed(1)} ms\n`);
    // Both pay for an Argon2id hash (tens of milliseconds): neither is a fast path the other lacks.
    expect(m1).toBeGreaterThan(m2 * 0.6);
    expect(m2).toBeGreaterThan(m1 * 0.6);
  }, 120_000);
});

describe("verification links", () => {
  it("the mailed link verifies the account once: hashed at rest, then refused, and /api/me says so", async () => {
    const user = await signUpWithMail("ada@example.com");
    expect(user.token).toMatch(/^[\w-]{43}$/);
    const row = await db().prisma.emailVerificationToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(row.tokenHash).toBe(hashLinkToken(user.token));
    expect(JSON.stringify(row)).not.toContain(user.token);
    expect(Math.abs(row.expiresAt.getTime() - row.createdAt.getTime() - 24 * 3_600_000)).toBeLessThan(1_000);

    // Unverified, the person can still log in at once.
    const { accessToken } = await tokens(baseUrl(), user.email);
    const before = await fetch(`${baseUrl()}/api/me`, { headers: bearer(accessToken) });
    expect((await before.json()).user.emailVerified).toBe(false);

    const done = await verify(user.token);
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ user: { id: user.id, email: user.email } });
    expect((await db().prisma.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeInstanceOf(Date);
    const after = await fetch(`${baseUrl()}/api/me`, { headers: bearer(accessToken) });
    expect((await after.json()).user.emailVerified).toBe(true);

    const again = await verify(user.token);
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: { code: "BAD_REQUEST", requestId: expect.any(String), fields: { token: [expect.stringContaining("not valid")] } } });
    await mailSettled();
    expect(await auditTypes(user.id)).toEqual(["email_verification_requested", "email_verification_sent", "email_verification_used", "email_verification_refused"]);
    expectNoSecrets(logs(), [user.token, PASSWORD]);
  });

  it("a link expires after 24 hours (injected clock) and says so; just before, it works", async () => {
    const late = await signUpWithMail("late@example.com");
    const onTime = await signUpWithMail("ontime@example.com");
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 24 * 3_600_000 - 60_000 });
    expect((await verify(onTime.token)).status).toBe(200);
    vi.setSystemTime(Date.now() + 61_000);
    const refused = await verify(late.token);
    expect(refused.status).toBe(400);
    expect(refused.body!.error.message).toMatch(/expired/);
    vi.useRealTimers();
    expect((await db().prisma.user.findUniqueOrThrow({ where: { id: late.id } })).emailVerifiedAt).toBeNull();
    expect(await auditTypes(late.id)).toContain("email_verification_expired");
  });

  it("refuses unknown and malformed tokens and bad bodies in the one shape, over REST and tRPC", async () => {
    const verifiedBefore = await db().prisma.user.count({ where: { emailVerifiedAt: { not: null } } });
    for (const body of [{ token: "" }, { token: "x".repeat(200) }, {}, { token: 5 }, { token: "a", extra: 1 }]) {
      const answer = await postJson(baseUrl(), "/api/auth/email/verify", body);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: { code: "BAD_REQUEST", requestId: expect.any(String) } });
    }
    expect((await verify("A".repeat(43))).body).toMatchObject({ error: { fields: { token: [expect.stringContaining("not valid")] } } });
    const trpc = await postJson(baseUrl(), "/api/trpc/auth.verifyEmail", { token: "B".repeat(43) });
    expect(trpc.status).toBe(400);
    expect(trpc.body).toMatchObject({ error: { code: "BAD_REQUEST", fields: { token: [expect.any(String)] } } });
    expect(await db().prisma.user.count({ where: { emailVerifiedAt: { not: null } } })).toBe(verifiedBefore);
  });

  it("resending needs a session, ends the older link, is limited to 3 an hour per account, and stops once verified", async () => {
    const user = await signUpWithMail("resend@example.com");
    expect((await postJson(baseUrl(), "/api/auth/email/resend", {})).status).toBe(401);
    const { accessToken } = await tokens(baseUrl(), user.email);

    const arriving = smtp.next();
    const sent = await resend(accessToken);
    expect(sent.status).toBe(202);
    await mailSettled();
    expect(sent.body!.message).toMatch(/new verification link/);
    const fresh = verificationToken(await arriving);
    expect(fresh).not.toBe(user.token);
    expect((await verify(user.token)).status).toBe(400); // superseded by the newer link

    // One at a time, each mail out before the next is asked for: the last to arrive is the newest link.
    for (let i = 0; i < 2; i++) {
      expect((await resend(accessToken)).status).toBe(202);
      await mailSettled();
    }
    const limited = await resend(accessToken);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: { code: "TOO_MANY_REQUESTS" } });
    expect(limited.response.headers.get("retry-after")).toMatch(/^\d+$/);

    await mailSettled();
    // The newest link works; a verified account is not sent more.
    const newest = verificationToken(smtp.received.at(-1)!);
    expect((await verify(newest)).status).toBe(200);
    await db().prisma.rateLimit.deleteMany();
    const already = await resend(accessToken);
    expect(already.status).toBe(409);
    expect(already.body).toMatchObject({ error: { code: "CONFLICT", message: "Your email is already verified." } });
    const refusedReasons = (await db().prisma.auditEvent.findMany({ where: { userId: user.id, type: "email_verification_refused" } })).map((e) => e.details);
    expect(refusedReasons).toEqual([expect.objectContaining({ reason: "superseded" })]);
  });

  it("limits resends per client address (10 an hour, whatever the account)", async () => {
    const sessions = [];
    for (let i = 0; i < 4; i++) {
      const user = await register(baseUrl(), `addr-${i}@example.com`);
      sessions.push((await tokens(baseUrl(), user.email)).accessToken);
    }
    await db().prisma.rateLimit.deleteMany();
    let accepted = 0;
    for (const accessToken of sessions) for (let i = 0; i < 3; i++) if ((await resend(accessToken)).status === 202) accepted++;
    expect(accepted).toBe(10);
    expect((await resend(sessions[0]!)).status).toBe(429);
  });
});

describe("the workflow limit before verification", () => {
  async function unverifiedSession(email: string) {
    const user = await signUpWithMail(email);
    const { accessToken } = await tokens(baseUrl(), email);
    return { ...user, accessToken };
  }
  const create = (accessToken: string, name: string) =>
    postJson(baseUrl(), "/api/workflows", { name, code: CODE }, bearer(accessToken));
  const importFiles = async (accessToken: string, files: Array<{ name: string; bytes: Uint8Array; type: string }>) => {
    const form = new FormData();
    for (const file of files) form.append("files", new Blob([file.bytes as BlobPart], { type: file.type }), file.name);
    const response = await fetch(`${baseUrl()}/api/workflows/import`, { method: "POST", body: form, headers: bearer(accessToken) });
    return { status: response.status, body: await response.json() };
  };
  const live = (ownerId: string) => db().prisma.workflow.count({ where: { ownerId, deletedAt: null } });

  it("refuses a 4th workflow (the default 3) over REST and tRPC with a clear 403, writes nothing; verifying lifts it", async () => {
    const person = await unverifiedSession("limited@example.com");
    for (let i = 1; i <= 3; i++) expect((await create(person.accessToken, `Flow ${i}`)).status).toBe(201);

    const refused = await create(person.accessToken, "Flow 4");
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      error: {
        code: "FORBIDDEN",
        message: "Verify your email to keep more than 3 workflows: open the link we sent you, or ask for a new one.",
        requestId: expect.any(String),
        details: { reason: "email_unverified", limit: 3 },
      },
    });
    const trpc = await postJson(baseUrl(), "/api/trpc/workflow.create", { name: "Flow 4", code: CODE }, bearer(person.accessToken));
    expect(trpc.status).toBe(403);
    expect(trpc.body).toMatchObject({ error: { code: "FORBIDDEN", details: { reason: "email_unverified" } } });
    expect(await live(person.id)).toBe(3);

    expect((await verify(person.token)).status).toBe(200);
    expect((await create(person.accessToken, "Flow 4")).status).toBe(201);
    expect(await live(person.id)).toBe(4);
  });

  it("holds for .py and .zip imports (each file refused on its own) and for restoring from the trash", async () => {
    const person = await unverifiedSession("importer@example.com");
    const py = (name: string) => ({ name, bytes: new TextEncoder().encode(CODE.replace("main", name.replace(".py", ""))), type: "text/x-python" });
    const first = await importFiles(person.accessToken, [py("one.py"), py("two.py")]);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ imported: 2, refused: 0 });

    const zip = rawZip([
      { name: "three.py", data: new TextEncoder().encode(`${CODE}# three\n`) },
      { name: "four.py", data: new TextEncoder().encode(`${CODE}# four\n`) },
    ]);
    const second = await importFiles(person.accessToken, [{ name: "more.zip", bytes: zip, type: "application/zip" }]);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({
      imported: 1,
      refused: 1,
      results: [
        { filename: "more.zip/three.py", ok: true },
        { filename: "more.zip/four.py", ok: false, error: { code: "FORBIDDEN", message: expect.stringContaining("Verify your email") } },
      ],
    });
    const third = await importFiles(person.accessToken, [py("five.py")]);
    expect(third.body).toMatchObject({ imported: 0, refused: 1, results: [{ ok: false, error: { code: "FORBIDDEN" } }] });
    expect(await live(person.id)).toBe(3);

    // Trash one, save another (3 live again): the trashed one cannot come back past the limit.
    const [victim] = await db().prisma.workflow.findMany({ where: { ownerId: person.id }, orderBy: { createdAt: "asc" }, take: 1 });
    expect((await fetch(`${baseUrl()}/api/workflows/${victim!.id}`, { method: "DELETE", headers: bearer(person.accessToken) })).status).toBe(204);
    expect((await create(person.accessToken, "Replacement")).status).toBe(201);
    const restore = await postJson(baseUrl(), `/api/trash/${victim!.id}/restore`, {}, bearer(person.accessToken));
    expect(restore.status).toBe(403);
    expect(restore.body).toMatchObject({ error: { code: "FORBIDDEN", details: { reason: "email_unverified" } } });
    expect(await live(person.id)).toBe(3);
  });
});
