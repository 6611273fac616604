/** Where mail goes for each configuration, and what a wrong mail variable says at start. */
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../../src/server/config";
import { AppError } from "../../../src/server/errors/app-error";
import { assertMailConfigured, mailFrom, mailMode } from "../../../src/server/mail/mailer";

const SECRET = "s".repeat(48);
const PG = "postgresql://app@db:5432/app";

describe("mail configuration", () => {
  it("SMTP when SMTP_URL is set; files in development and with the embedded database; off in production on a server", () => {
    expect(mailMode(parseConfig({ SMTP_URL: "smtp://mail.example.com:587" }))).toBe("smtp");
    expect(mailMode(parseConfig({}))).toBe("files");
    expect(mailMode(parseConfig({ DATABASE_URL: PG }))).toBe("files");
    expect(mailMode(parseConfig({ NODE_ENV: "production", AUTH_SECRET: SECRET }))).toBe("files");
    const off = parseConfig({ NODE_ENV: "production", AUTH_SECRET: SECRET, DATABASE_URL: PG });
    expect(mailMode(off)).toBe("off");
    expect(() => assertMailConfigured(off)).toThrow(AppError);
    try {
      assertMailConfigured(off);
    } catch (error) {
      expect((error as AppError).status).toBe(503);
      expect((error as AppError).message).toMatch(/Email is not configured/);
    }
  });

  it("refuses a non-SMTP URL and, in production, SMTP without MAIL_FROM, naming the variable", () => {
    expect(() => parseConfig({ SMTP_URL: "http://mail.example.com" })).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() => parseConfig({ MAIL_FROM: "not an address" })).toThrow(/MAIL_FROM:/);
    expect(() => parseConfig({ NODE_ENV: "production", AUTH_SECRET: SECRET, SMTP_URL: "smtps://u:p@mail.example.com" })).toThrow(ConfigError);
    const ok = parseConfig({ NODE_ENV: "production", AUTH_SECRET: SECRET, SMTP_URL: "smtps://u:p@mail.example.com", MAIL_FROM: "Studio <no-reply@example.com>" });
    expect(mailFrom(ok)).toBe("Studio <no-reply@example.com>");
    expect(mailFrom(parseConfig({ APP_URL: "https://studio.example.com" }))).toBe("Workflow Studio <no-reply@studio.example.com>");
  });
});
