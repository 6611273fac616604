/**
 * The deletion's confirmation mail is sent after the commit: when the SMTP server cannot be reached, the account is
 * deleted all the same, the person gets the same 204, and the failure is audited under the pseudonym.
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import { auditPseudonym } from "../../../src/server/auth/audit-pseudonym";
import { mailSettled } from "../../../src/server/mail/mailer";
import { bearer, signUp } from "../../helpers/api-session";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";

// Nothing listens on port 1: the connection is refused at once.
vi.stubEnv("SMTP_URL", "smtp://127.0.0.1:1");
vi.stubEnv("MAIL_FROM", "Workflow Studio <no-reply@studio.test>");

const db = setupTestDatabase();
const baseUrl = setupTestServer();

afterAll(async () => {
  await mailSettled();
});

describe("account deletion when mail fails", () => {
  it("deletes the account anyway and audits the failed send", async () => {
    const me = await signUp(baseUrl());
    const deleted = await fetch(`${baseUrl()}/api/me`, {
      method: "DELETE",
      headers: { "content-type": "application/json", ...bearer(me.accessToken) },
      body: JSON.stringify({ password: me.password }),
    });
    expect(deleted.status).toBe(204);
    await mailSettled();
    expect(await db().prisma.user.count({ where: { id: me.userId } })).toBe(0);
    const pseudonym = await auditPseudonym(me.userId);
    const types = (await db().prisma.auditEvent.findMany({ where: { pseudonym }, select: { type: true } })).map((row) => row.type);
    expect(types).toContain("account_deleted");
    expect(types).toContain("account_deleted_mail_send_failed");
    expect(types).not.toContain("account_deleted_mail_sent");
  });
});
