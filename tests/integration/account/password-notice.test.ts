/**
 * "Your password was changed" (issue 16's "if this wasn't you" expectation): mailed after a change in Settings and
 * after a reset, over a real SMTP server on loopback, with the way back in; its sending audited.
 */
import { describe, expect, it } from "vitest";
import { mailSettled } from "../../../src/server/mail/mailer";
import { bearer, signUp } from "../../helpers/api-session";
import { postJson } from "../../helpers/auth";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";
import { resetLinkIn, setupSmtpSink } from "../../helpers/smtp-sink";

const db = setupTestDatabase();
const baseUrl = setupTestServer();
const smtp = await setupSmtpSink();

const recipient = (mail: { to?: unknown }) => (mail.to as { text: string }).text;

describe("the password-changed notice", () => {
  it("is mailed after a change in Settings, with the way back in", async () => {
    const me = await signUp(baseUrl());
    const arriving = smtp.next();
    const changed = await fetch(`${baseUrl()}/api/trpc/auth.changePassword`, {
      method: "POST",
      headers: { "content-type": "application/json", ...bearer(me.accessToken) },
      body: JSON.stringify({ currentPassword: me.password, newPassword: "a new passphrase for the notice" }),
    });
    expect(changed.status).toBe(200);
    const mail = await arriving;
    expect(recipient(mail)).toBe(me.email);
    expect(mail.subject).toBe("Your Workflow Studio password was changed");
    expect(mail.text).toContain("was changed in Settings");
    expect(mail.text).toContain("If this wasn't you");
    expect(mail.text).toContain("http://localhost:3000/forgot-password");
    expect(String(mail.html)).toContain('href="http://localhost:3000/forgot-password"');
    expect(mail.text).not.toContain("a new passphrase for the notice");
    await mailSettled();
    expect(await db().prisma.auditEvent.count({ where: { userId: me.userId, type: "password_changed_notice_sent" } })).toBe(1);
  });

  it("is not sent when the current password is wrong", async () => {
    const me = await signUp(baseUrl());
    const before = smtp.received.length;
    const refused = await fetch(`${baseUrl()}/api/trpc/auth.changePassword`, {
      method: "POST",
      headers: { "content-type": "application/json", ...bearer(me.accessToken) },
      body: JSON.stringify({ currentPassword: "not the right one", newPassword: "a new passphrase for the notice" }),
    });
    expect(refused.status).toBe(400);
    await mailSettled();
    expect(smtp.received.length).toBe(before);
  });

  it("is mailed after a reset with a link, after the reset mail itself", async () => {
    const me = await signUp(baseUrl());
    const resetMail = smtp.next();
    expect((await postJson(baseUrl(), "/api/auth/password/forgot", { email: me.email })).status).toBe(202);
    const token = resetLinkIn(await resetMail).searchParams.get("token")!;
    await mailSettled();
    const notice = smtp.next();
    expect((await postJson(baseUrl(), "/api/auth/password/reset", { token, password: "chosen again after forgetting" })).status).toBe(200);
    const mail = await notice;
    expect(recipient(mail)).toBe(me.email);
    expect(mail.subject).toBe("Your Workflow Studio password was changed");
    expect(mail.text).toContain("was reset with a link");
    await mailSettled();
    expect(await db().prisma.auditEvent.count({ where: { userId: me.userId, type: "password_changed_notice_sent" } })).toBe(1);
  });
});
