/**
 * No SMTP_URL outside production: the reset mail is written to MAIL_DIR as an .eml file, and /dev/mailbox lists it
 * and shows it with its link clickable.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { serveDevMailbox } from "../../../src/server/mail/mailbox";
import { mailSettled } from "../../../src/server/mail/mailer";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";
import { postJson, register } from "../../helpers/auth";

const mailDir = await mkdtemp(join(tmpdir(), "ws-mail-"));
vi.stubEnv("SMTP_URL", "");
vi.stubEnv("MAIL_DIR", mailDir);

setupTestDatabase();
const baseUrl = setupTestServer();
const mailbox = createServer((req, res) => {
  if (!serveDevMailbox(req, res)) res.writeHead(404).end();
});
await new Promise<void>((resolve) => mailbox.listen(0, "127.0.0.1", resolve));
const mailboxUrl = `http://127.0.0.1:${(mailbox.address() as AddressInfo).port}`;

afterAll(async () => {
  await mailSettled();
  await new Promise((resolve) => mailbox.close(resolve));
  await rm(mailDir, { recursive: true, force: true });
});

describe("the development mailbox", () => {
  it("holds the reset mail as an .eml file and shows it, newest first, with its link clickable", async () => {
    const user = await register(baseUrl(), "mailbox@example.com");
    // Registration wrote the verification mail; the two reset mails come after it.
    const verification = await readdir(mailDir);
    expect(verification).toHaveLength(1);
    expect((await postJson(baseUrl(), "/api/auth/password/forgot", { email: user.email })).status).toBe(202);
    await mailSettled();
    expect((await postJson(baseUrl(), "/api/auth/password/forgot", { email: user.email })).status).toBe(202);
    await mailSettled();
    const files = (await readdir(mailDir)).filter((name) => !verification.includes(name)).sort();
    expect(files).toHaveLength(2);
    expect(files.every((name) => name.endsWith(".eml"))).toBe(true);

    const list = await fetch(`${mailboxUrl}/dev/mailbox`);
    expect(list.status).toBe(200);
    expect(list.headers.get("content-security-policy")).toContain("default-src 'none'");
    const listHtml = await list.text();
    expect(listHtml).toContain("Reset your Workflow Studio password");
    expect(listHtml).toContain("mailbox@example.com");
    // Newest first: the second file is linked before the first.
    expect(listHtml.indexOf(files[1]!)).toBeLessThan(listHtml.indexOf(files[0]!));

    const message = await (await fetch(`${mailboxUrl}/dev/mailbox/${files[1]}`)).text();
    expect(message).toMatch(/<a href="http:\/\/localhost:3000\/reset-password\?token=[\w-]{43}"/);
    expect((await fetch(`${mailboxUrl}/dev/mailbox/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
    expect((await fetch(`${mailboxUrl}/dev/mailbox/nothing.eml`)).status).toBe(404);
  });
});
