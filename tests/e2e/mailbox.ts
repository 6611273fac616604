/**
 * The server's mail as the browser tests read it: the e2e server has no SMTP_URL and runs on the embedded database,
 * so every message is an `.eml` file in its mail folder (E2E_MAIL_DIR, set by global-setup.ts; /dev/mailbox is not
 * served in production).
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { simpleParser } from "mailparser";

/** The first link matching `pattern` in the newest mail to `email`, or null while none has arrived. */
export async function linkInMailTo(email: string, pattern: RegExp): Promise<string | null> {
  const dir = process.env.E2E_MAIL_DIR;
  if (!dir) throw new Error("E2E_MAIL_DIR is set by tests/e2e/global-setup.ts");
  const files = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith(".eml")).sort().reverse();
  for (const file of files) {
    const raw = await readFile(join(dir, file));
    if (!raw.includes(email)) continue; // most files are other tests' mail: skip them unparsed
    const mail = await simpleParser(raw);
    const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(",") : (mail.to?.text ?? "");
    if (!to.includes(email)) continue;
    const link = pattern.exec(mail.text ?? "")?.[0];
    if (link) return link;
  }
  return null;
}

export const RESET_LINK = /https?:\/\/\S+\/reset-password\?token=[\w-]+/;
export const VERIFY_LINK = /https?:\/\/\S+\/verify-email\?token=[\w-]+/;
