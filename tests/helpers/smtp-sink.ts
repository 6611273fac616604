/**
 * A real SMTP server on loopback (the `smtp-server` package) that keeps what arrives, parsed with mailparser, so the
 * tests read the mail the app really sent over SMTP. No TLS and no authentication: loopback only.
 */
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, vi } from "vitest";
import { mailSettled } from "../../src/server/mail/mailer";

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  /** Every message received so far, in order. */
  received: ParsedMail[];
  /** The next message (resolves at once when one is already waiting past `after`). */
  next(after?: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ParsedMail[] = [];
  const waiting: Array<{ index: number; resolve: (mail: ParsedMail) => void }> = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          for (const waiter of [...waiting]) {
            if (received.length > waiter.index) {
              waiting.splice(waiting.indexOf(waiter), 1);
              waiter.resolve(received[waiter.index]!);
            }
          }
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    next(after = received.length) {
      if (received.length > after) return Promise.resolve(received[after]!);
      return new Promise((resolve) => waiting.push({ index: after, resolve }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The calling test file's sink: started now, with SMTP_URL and MAIL_FROM pointing the app's mail at it; after each test
 * and before it closes after all, the mail the app sends in the background is let settle (mailSettled), so none of it
 * lands in the next test or after the database is gone. Call after setupTestDatabase(), setupTestServer() and
 * captureLogs(): the "after all" hooks run in reverse order, so the mail settles before those close.
 */
export async function setupSmtpSink(): Promise<SmtpSink> {
  const smtp = await startSmtpSink();
  vi.stubEnv("SMTP_URL", smtp.url);
  vi.stubEnv("MAIL_FROM", "Workflow Studio <no-reply@studio.test>");
  afterEach(async () => {
    await mailSettled();
  });
  afterAll(async () => {
    await mailSettled();
    await smtp.close();
  });
  return smtp;
}

/** The reset link in a message's plain text (the first `…/reset-password?token=…`). */
export function resetLinkIn(mail: ParsedMail): URL {
  const match = /https?:\/\/\S+\/reset-password\?token=[\w-]+/.exec(mail.text ?? "");
  if (!match) throw new Error(`no reset link in: ${mail.text}`);
  return new URL(match[0]);
}
