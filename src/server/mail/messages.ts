/** The app's emails: plain text and simple HTML, with the app's name, the link, its expiry and what to do if it wasn't you. */
import type { MailMessage } from "./mailer";

export const APP_NAME = "Workflow Studio";

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function html(paragraphs: string[], link: { href: string; label: string }): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`);
  body.splice(1, 0, `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>`);
  return `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5;color:#0f172a">${body.join("")}</body></html>`;
}

/** "Reset your password": the single-use link, valid for `minutes`. */
export function passwordResetMessage(input: { to: string; link: string; minutes: number }): MailMessage {
  const intro = `Someone (we hope you) asked to reset the password of your ${APP_NAME} account, ${input.to}. Use this link to choose a new password:`;
  const expiry = `The link works once and expires in ${input.minutes} minutes. Choosing a new password logs you out of every other device.`;
  const notYou = `If this wasn't you, ignore this email: your password stays as it is. If you keep getting these, someone may be trying your address; your account is safe as long as your email is.`;
  return {
    to: input.to,
    subject: `Reset your ${APP_NAME} password`,
    text: `${intro}\n\n${input.link}\n\n${expiry}\n\n${notYou}\n\n— ${APP_NAME}\n`,
    html: html([intro, expiry, notYou, `— ${APP_NAME}`], { href: input.link, label: "Choose a new password" }),
  };
}

// ——— Account deletion and the password-changed notice (branch farewell; docs/security/account-deletion.md) ———

/**
 * "Your password was changed": sent after a change in Settings and after a reset, to the account's address. The
 * link leads to "Forgot password?", the way back in for someone whose password was changed by another.
 */
export function passwordChangedMessage(input: { to: string; how: "changed" | "reset"; at: Date; forgotLink: string }): MailMessage {
  const what = input.how === "reset" ? "was reset with a link from this address" : "was changed in Settings";
  const intro = `The password of your ${APP_NAME} account, ${input.to}, ${what} on ${input.at.toUTCString()}. Every other device was logged out.`;
  const notYou = `If this wasn't you, someone else knows your password or can read your email: choose a new password now with "Forgot password?", and secure your email account too.`;
  const ok = `If it was you, there is nothing to do.`;
  return {
    to: input.to,
    subject: `Your ${APP_NAME} password was changed`,
    text: `${intro}\n\n${notYou}\n\n${input.forgotLink}\n\n${ok}\n\n— ${APP_NAME}\n`,
    html: html([intro, notYou, ok, `— ${APP_NAME}`], { href: input.forgotLink, label: "Choose a new password" }),
  };
}

/** "Your account was deleted": sent once the deletion has committed. Nothing of the account remains to link to. */
export function accountDeletedMessage(input: { to: string; at: Date; appLink: string }): MailMessage {
  const intro = `Your ${APP_NAME} account, ${input.to}, was deleted on ${input.at.toUTCString()}, with its workflows, their history, its share links and every session.`;
  const gone = `This cannot be undone: we keep no copy. The security log keeps what happened, under a pseudonym that does not name you.`;
  const notYou = `If this wasn't you, someone knew your password: change it wherever else you used it, and secure your email account. You can sign up again with this address at any time.`;
  return {
    to: input.to,
    subject: `Your ${APP_NAME} account was deleted`,
    text: `${intro}\n\n${input.appLink}\n\n${gone}\n\n${notYou}\n\n— ${APP_NAME}\n`,
    html: html([intro, gone, notYou, `— ${APP_NAME}`], { href: input.appLink, label: APP_NAME }),
  };
}
