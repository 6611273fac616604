/**
 * Deleting an account over REST and tRPC (docs/decisions/102, 103), with a real SMTP server on loopback: the password
 * asked again (a wrong one changes nothing; attempts are limited like log-in), everything of the account gone in one
 * go while another account keeps all of its rows, the audit rows left with only a pseudonym, the confirmation mail,
 * every credential refused at once afterwards, and saves racing the deletion leaving nothing behind.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { audit } from "../../../src/server/auth/audit";
import { auditPseudonym, PSEUDONYM_PATTERN } from "../../../src/server/auth/audit-pseudonym";
import { mailSettled } from "../../../src/server/mail/mailer";
import { bearer, signUp, type ApiSession } from "../../helpers/api-session";
import { browserLogIn, captureLogs, expectNoSecrets, postJson } from "../../helpers/auth";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";
import { setupSmtpSink } from "../../helpers/smtp-sink";

const db = setupTestDatabase();
const baseUrl = setupTestServer();
const logs = captureLogs();
const smtp = await setupSmtpSink();

beforeEach(async () => {
  await db().prisma.rateLimit.deleteMany();
});

const CODE_1 = "from prefect import flow\n\n@flow\ndef one():\n    pass\n";
const CODE_2 = "from prefect import flow\n\n@flow\ndef two():\n    return 2\n";

function call(session: ApiSession | null, method: string, path: string, body?: unknown) {
  return fetch(`${baseUrl()}${path}`, {
    method,
    headers: { ...(session ? bearer(session.accessToken) : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

const deleteMe = (session: ApiSession | null, password: unknown) => call(session, "DELETE", "/api/me", { password });

/** An account with something in every table: workflows with history, one in the trash, tags, a share link, a reset link. */
async function populated(): Promise<ApiSession & { workflowIds: string[] }> {
  const me = await signUp(baseUrl());
  const workflowIds: string[] = [];
  for (const name of ["Alpha", "Beta", "Gamma"]) {
    const created = await call(me, "POST", "/api/workflows", { name, code: CODE_1 });
    expect(created.status).toBe(201);
    workflowIds.push(((await created.json()) as { id: string }).id);
  }
  expect((await call(me, "PUT", `/api/workflows/${workflowIds[0]}`, { code: CODE_2, expectedVersion: 1 })).status).toBe(200);
  expect((await call(me, "PUT", `/api/workflows/${workflowIds[0]}/tags`, { tags: ["etl"] })).status).toBe(200);
  expect((await call(me, "POST", `/api/workflows/${workflowIds[1]}/shares`, { expiresIn: "7d" })).status).toBe(201);
  expect((await call(me, "DELETE", `/api/workflows/${workflowIds[2]}`)).status).toBe(204);
  const arriving = smtp.next();
  expect((await postJson(baseUrl(), "/api/auth/password/forgot", { email: me.email })).status).toBe(202);
  await arriving;
  await mailSettled();
  return { ...me, workflowIds };
}

/** Every table of the schema (the migrations' own aside): a new table makes this test say where its rows go. */
async function tables(): Promise<string[]> {
  const rows = await db().prisma.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`;
  return rows.map((row) => row.name);
}

/** The rows of each table that belong to the account, by the column that names it. */
async function rowsOf(userId: string, email: string): Promise<Record<string, number>> {
  const p = db().prisma;
  return {
    users: await p.user.count({ where: { id: userId } }),
    workflows: await p.workflow.count({ where: { ownerId: userId } }),
    workflow_versions: await p.workflowVersion.count({ where: { ownerId: userId } }),
    share_links: await p.shareLink.count({ where: { ownerId: userId } }),
    auth_sessions: await p.authSession.count({ where: { userId } }),
    refresh_tokens: await p.refreshToken.count({ where: { userId } }),
    password_reset_tokens: await p.passwordResetToken.count({ where: { userId } }),
    email_verification_tokens: await p.emailVerificationToken.count({ where: { userId } }),
    audit_events: await p.auditEvent.count({ where: { OR: [{ userId }, { email }] } }),
    // Keyed by a hash of address and email (no user column); they expire within the hour.
    rate_limits: 0,
  };
}

describe("DELETE /api/me", () => {
  it("refuses a wrong password in the one error shape and changes nothing", async () => {
    const me = await populated();
    const before = await rowsOf(me.userId, me.email);
    const refused = await deleteMe(me, "not my password at all");
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { error: { code: string; message: string; requestId: string; fields: Record<string, string[]> } };
    expect(body.error).toMatchObject({ code: "BAD_REQUEST", message: "The password is not right.", fields: { password: ["The password is not right."] } });
    expect(body.error.requestId).toBeTruthy();
    const after = await rowsOf(me.userId, me.email);
    expect({ ...after, audit_events: 0 }).toEqual({ ...before, audit_events: 0 });
    expect((await call(me, "GET", "/api/me")).status).toBe(200);
    expect(await db().prisma.auditEvent.count({ where: { userId: me.userId, type: "account_delete_failure" } })).toBe(1);

    // Bad input: no password, a number, an unknown field.
    for (const input of [{}, { password: 12 }, { password: me.password, also: 1 }]) {
      const bad = await call(me, "DELETE", "/api/me", input);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("BAD_REQUEST");
    }
    expect(await db().prisma.user.count({ where: { id: me.userId } })).toBe(1);
  });

  it("limits password attempts like log-in: the sixth in 15 minutes is a 429, even with the right password", async () => {
    const me = await signUp(baseUrl());
    for (let i = 0; i < 5; i++) expect((await deleteMe(me, `wrong guess ${i}`)).status).toBe(400);
    const limited = await deleteMe(me, me.password);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("TOO_MANY_REQUESTS");
    expect(await db().prisma.user.count({ where: { id: me.userId } })).toBe(1);
  });

  it("refuses without a session, and with a cookie from another origin", async () => {
    expect((await deleteMe(null, "whatever it is")).status).toBe(401);
    const me = await signUp(baseUrl());
    const browser = await browserLogIn(baseUrl(), me.email, me.password);
    const crossSite = await fetch(`${baseUrl()}/api/me`, {
      method: "DELETE",
      headers: { cookie: browser.jar.header(), origin: "https://evil.example", "content-type": "application/json" },
      body: JSON.stringify({ password: me.password }),
    });
    expect(crossSite.status).toBe(401);
    expect(await db().prisma.user.count({ where: { id: me.userId } })).toBe(1);
  });

  it("deletes every row of the account and nothing of another's; audit rows keep only a pseudonym; a mail confirms it", async () => {
    expect(await tables()).toEqual(
      ["audit_events", "auth_sessions", "email_verification_tokens", "password_reset_tokens", "rate_limits", "refresh_tokens", "share_links", "users", "workflow_versions", "workflows"],
    );
    const me = await populated();
    const other = await populated();
    const browser = await browserLogIn(baseUrl(), me.email, me.password);
    // A failed log-in naming the email only (no user id on the row): it too is about the person.
    expect((await postJson(baseUrl(), "/api/auth/token", { email: me.email, password: "a wrong one" })).status).toBe(401);
    await db().prisma.auditEvent.create({ data: { type: "rate_limited", email: me.email, clientAddress: "127.0.0.1", requestId: "test" } });

    const mine = await rowsOf(me.userId, me.email);
    expect(mine).toMatchObject({ users: 1, workflows: 3, workflow_versions: 1, share_links: 1, password_reset_tokens: 1, email_verification_tokens: 1 });
    expect(mine.auth_sessions).toBeGreaterThanOrEqual(2);
    expect(mine.refresh_tokens).toBeGreaterThanOrEqual(1);
    const auditRowsBefore = mine.audit_events!;
    const theirs = await rowsOf(other.userId, other.email);
    const totalRateLimits = await db().prisma.rateLimit.count();

    const arriving = smtp.next();
    const deleted = await deleteMe(me, me.password);
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe("");

    expect(await rowsOf(me.userId, me.email)).toEqual({
      users: 0, workflows: 0, workflow_versions: 0, share_links: 0, auth_sessions: 0, refresh_tokens: 0, password_reset_tokens: 0,
      email_verification_tokens: 0, audit_events: 0, rate_limits: 0,
    });
    expect(await rowsOf(other.userId, other.email)).toEqual(theirs);
    expect(await db().prisma.rateLimit.count()).toBeLessThanOrEqual(totalRateLimits + 1);

    const mail = await arriving;
    await mailSettled();
    expect(mail.subject).toBe("Your Workflow Studio account was deleted");
    expect(Array.isArray(mail.to) ? mail.to[0]!.text : mail.to?.text).toBe(me.email);
    expect(mail.text).toContain("If this wasn't you");
    expect(String(mail.html)).toContain("was deleted");

    // The audit rows stay, with the pseudonym in place of the id and the email; nothing in any row names the person.
    const pseudonym = await auditPseudonym(me.userId);
    expect(pseudonym).toMatch(PSEUDONYM_PATTERN);
    const rows = await db().prisma.auditEvent.findMany({ where: { pseudonym }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(rows.length).toBe(auditRowsBefore + 2);
    expect(rows.every((row) => row.userId === null && row.email === null)).toBe(true);
    expect(rows.map((row) => row.type)).toEqual(expect.arrayContaining(["register", "login_success", "login_failure", "rate_limited", "account_deleted", "account_deleted_mail_sent"]));
    expect(rows.find((row) => row.type === "account_deleted")!.details).toMatchObject({ workflows: 3, versions: 1, shareLinks: 1 });
    const naming = await db().prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM audit_events a WHERE row_to_json(a)::text ILIKE ${`%${me.userId}%`} OR row_to_json(a)::text ILIKE ${`%${me.email}%`}`;
    expect(Number(naming[0]!.n)).toBe(0);
    // The other account's rows are untouched and still name it.
    expect(await db().prisma.auditEvent.count({ where: { userId: other.userId, pseudonym: null } })).toBe(theirs.audit_events);

    // Every credential is refused at once: access token, refresh token, session cookie, and the password.
    expect((await call(me, "GET", "/api/me")).status).toBe(401);
    expect((await call(me, "GET", "/api/workflows")).status).toBe(401);
    expect((await fetch(`${baseUrl()}/api/me`, { headers: { cookie: browser.jar.header() } })).status).toBe(401);
    expect((await postJson(baseUrl(), "/api/auth/token/refresh", { refreshToken: me.refreshToken })).status).toBe(401);
    expect((await postJson(baseUrl(), "/api/auth/token", { email: me.email, password: me.password })).status).toBe(401);
    expect((await deleteMe(me, me.password)).status).toBe(401);
    expect((await call(other, "GET", "/api/me")).status).toBe(200);
    expectNoSecrets(logs(), [me.password]);
  });

  it("acts at once even when the session check was cached a moment before", async () => {
    const me = await signUp(baseUrl());
    // Two requests in a row: the second one is answered from this process's 2-second session-check cache.
    expect((await call(me, "GET", "/api/me")).status).toBe(200);
    expect((await call(me, "GET", "/api/me")).status).toBe(200);
    expect((await deleteMe(me, me.password)).status).toBe(204);
    expect((await call(me, "GET", "/api/me")).status).toBe(401);
  });

  it("works over tRPC as account.delete", async () => {
    const me = await populated();
    const wrong = await call(me, "POST", "/api/trpc/account.delete", { password: "not it, sorry" });
    expect(wrong.status).toBe(400);
    expect(await db().prisma.user.count({ where: { id: me.userId } })).toBe(1);
    const done = await call(me, "POST", "/api/trpc/account.delete", { password: me.password });
    expect(done.status).toBe(200);
    expect(JSON.stringify(await done.json())).toContain('"deleted":true');
    expect(await rowsOf(me.userId, me.email)).toMatchObject({ users: 0, workflows: 0, workflow_versions: 0, auth_sessions: 0 });
    expect((await call(me, "GET", "/api/me")).status).toBe(401);
  });

  it("saves racing the deletion either land before it (and go with it) or are refused cleanly: no 500, no row left", async () => {
    const me = await populated();
    const [first] = me.workflowIds;
    const current = (await (await call(me, "GET", `/api/workflows/${first}`)).json()) as { version: number };
    // Every kind of write, spread over the deletion's password check and transaction (one every 25 ms for 0.6 s).
    const kinds = [
      (i: number) => call(me, "POST", "/api/workflows", { name: `Racing ${i}`, code: CODE_1 }),
      (i: number) => call(me, "PUT", `/api/workflows/${first}`, { code: `${CODE_2}# ${i}\n`, expectedVersion: current.version }),
      (i: number) => call(me, "PUT", `/api/workflows/${me.workflowIds[1]}/tags`, { tags: [`racing ${i}`] }),
      () => call(me, "POST", `/api/workflows/${me.workflowIds[1]}/shares`, { expiresIn: "1d" }),
    ];
    const racing = Array.from({ length: 24 }, (_, i) => new Promise((resolve) => setTimeout(resolve, i * 25)).then(() => kinds[i % kinds.length]!(i)));
    const deletion = deleteMe(me, me.password);
    const statuses = await Promise.all(racing.map(async (r) => (await r).status));
    expect((await deletion).status).toBe(204);
    for (const status of statuses) expect([200, 201, 401, 404, 409]).toContain(status);
    expect(await rowsOf(me.userId, me.email)).toMatchObject({ users: 0, workflows: 0, workflow_versions: 0, share_links: 0 });
    // Nothing orphaned anywhere: every row left points at a user that exists.
    const orphans = await db().prisma.$queryRaw<{ n: bigint }[]>`
      SELECT (SELECT count(*) FROM workflows w WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = w.owner_id))
           + (SELECT count(*) FROM workflow_versions v WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = v.owner_id))
           + (SELECT count(*) FROM share_links s WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = s.owner_id)) AS n`;
    expect(Number(orphans[0]!.n)).toBe(0);
  });

  it("an event about the account written just after its deletion (a log-in failing as it commits) gets the pseudonym, not a 500", async () => {
    const me = await signUp(baseUrl());
    expect((await deleteMe(me, me.password)).status).toBe(204);
    await audit(
      { db: db(), clientAddress: "127.0.0.1", userAgent: null, requestId: "late-event" },
      { type: "login_failure", userId: me.userId, email: me.email, details: { reason: "wrong_password" } },
    );
    const late = await db().prisma.auditEvent.findFirstOrThrow({ where: { requestId: "late-event" } });
    expect(late).toMatchObject({ userId: null, email: null, pseudonym: await auditPseudonym(me.userId), type: "login_failure" });
  });
});
