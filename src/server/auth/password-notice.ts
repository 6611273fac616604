/**
 * The notice mailed after a password change and after a reset (issue 16's "if this wasn't you" expectation): sent
 * after the change has committed, in the background; its outcome is audited. With mail off (production without
 * SMTP_URL) there is no notice, and the change still happens.
 */
import { getConfig } from "../config";
import { mailMode, sendInBackground } from "../mail/mailer";
import { passwordChangedMessage } from "../mail/messages";
import { audit, type RequestInfo } from "./audit";

export function sendPasswordChangedNotice(req: RequestInfo, user: { id: string; email: string }, how: "changed" | "reset"): void {
  const config = getConfig();
  if (mailMode(config) === "off") return;
  const forgotLink = new URL("/forgot-password", config.APP_URL).toString();
  const message = passwordChangedMessage({ to: user.email, how, at: new Date(), forgotLink });
  sendInBackground(message, ({ ok }) =>
    audit(req, { type: ok ? "password_changed_notice_sent" : "password_changed_notice_send_failed", userId: user.id, details: { how } }),
  );
}
