/**
 * Sending mail (docs/decisions/095): through SMTP with nodemailer when SMTP_URL is set; otherwise, in development and
 * with the embedded database, written as `.eml` files to MAIL_DIR (read at /dev/mailbox outside production), so a
 * newcomer's `npm start` can reset a password with no set-up; otherwise (production on a PostgreSQL server with no
 * SMTP_URL) mail is off and the features that need it answer 503 in the one error shape.
 */
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { type AppConfig, getConfig } from "../config";
import { AppError } from "../errors/app-error";
import { log } from "../log";
import { MAIL_NOT_CONFIGURED, type MailMode, mailMode } from "./mode";

export { MAIL_NOT_CONFIGURED, type MailMode, mailMode } from "./mode";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Throws the 503 a feature that needs mail answers when mail is off. */
export function assertMailConfigured(config: AppConfig = getConfig()): void {
  if (mailMode(config) === "off") throw new AppError("SERVICE_UNAVAILABLE", MAIL_NOT_CONFIGURED);
}

/** The sender: MAIL_FROM, or the app's name at the APP_URL's host. */
export function mailFrom(config: AppConfig = getConfig()): string {
  return config.MAIL_FROM ?? `Workflow Studio <no-reply@${new URL(config.APP_URL).hostname}>`;
}

let smtp: { url: string; transporter: Transporter } | undefined;
const fileWriter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });

function smtpTransporter(url: string): Transporter {
  if (smtp?.url !== url) {
    smtp?.transporter.close();
    smtp = { url, transporter: nodemailer.createTransport(url) };
  }
  return smtp.transporter;
}

/** Sends one message the configured way; resolves when the SMTP server accepted it or the file is written. */
export async function sendMail(message: MailMessage, config: AppConfig = getConfig()): Promise<{ mode: MailMode; messageId: string }> {
  const mode = mailMode(config);
  const envelope = { from: mailFrom(config), ...message };
  if (mode === "smtp") {
    const info = await smtpTransporter(config.SMTP_URL!).sendMail(envelope);
    return { mode, messageId: String(info.messageId) };
  }
  if (mode === "files") {
    const info = await fileWriter.sendMail(envelope);
    await mkdir(config.MAIL_DIR, { recursive: true });
    // Names sort by time: the mailbox lists the newest first by name.
    const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomBytes(4).toString("hex")}.eml`;
    await writeFile(join(config.MAIL_DIR, name), info.message as Buffer, { mode: 0o600 });
    return { mode, messageId: String(info.messageId) };
  }
  throw new AppError("SERVICE_UNAVAILABLE", MAIL_NOT_CONFIGURED);
}

const inFlight = new Set<Promise<unknown>>();

/**
 * Sends after the answer: the request does not wait for the SMTP server (nor tell, by its timing, whether a message
 * was sent). `then` runs with the outcome (an audit event); failures are logged, never thrown.
 */
export function sendInBackground(message: MailMessage, then: (outcome: { ok: boolean }) => Promise<void>): void {
  const work = sendMail(message)
    .then(
      () => then({ ok: true }),
      async (error: unknown) => {
        log.error({ err: error }, "could not send an email");
        await then({ ok: false });
      },
    )
    .catch((error: unknown) => log.error({ err: error }, "after sending an email"))
    .finally(() => inFlight.delete(work));
  inFlight.add(work);
}

/** Resolves when every background send has finished (shutdown, tests). */
export async function mailSettled(): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}
