/** Where mail goes (docs/decisions/095), without the sending code: pages read it to say when mail is off. */
import type { AppConfig } from "../config";

export type MailMode = "smtp" | "files" | "off";

/** SMTP when SMTP_URL is set; else `.eml` files in development and with the embedded database; else off. */
export function mailMode(config: Pick<AppConfig, "SMTP_URL" | "NODE_ENV" | "DATABASE_URL">): MailMode {
  if (config.SMTP_URL) return "smtp";
  if (config.NODE_ENV !== "production" || !config.DATABASE_URL) return "files";
  return "off";
}

export const MAIL_NOT_CONFIGURED =
  "Email is not configured on this server, so this feature is not available. Ask its administrator to set SMTP_URL.";
