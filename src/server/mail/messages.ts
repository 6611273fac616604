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

// ---- Email verification and registration (docs/decisions/099, 100; branch verify) ----

/** "Verify your email": the single-use link sent at registration and on "Resend", valid for `hours`. */
export function emailVerificationMessage(input: { to: string; link: string; hours: number }): MailMessage {
  const intro = `Welcome to ${APP_NAME}. To finish signing up as ${input.to}, confirm that this address is yours:`;
  const expiry = `The link works once and expires in ${input.hours} hours. Until then you can use the editor and keep a few workflows; after it you can keep as many as you like.`;
  const notYou = `If this wasn't you, ignore this email: someone typed your address by mistake, and nothing is verified unless the link is opened.`;
  return {
    to: input.to,
    subject: `Verify your email for ${APP_NAME}`,
    text: `${intro}\n\n${input.link}\n\n${expiry}\n\n${notYou}\n\n— ${APP_NAME}\n`,
    html: html([intro, expiry, notYou, `— ${APP_NAME}`], { href: input.link, label: "Verify my email" }),
  };
}

/** Sent instead of a verification link when the address already has an account: log in, or reset the password. */
export function registrationAttemptMessage(input: { to: string; logInLink: string; resetLink: string }): MailMessage {
  const intro = `Someone (we hope you) tried to sign up for ${APP_NAME} with ${input.to}, but this address already has an account. To use it, log in:`;
  const reset = `Forgot your password? Choose a new one here: ${input.resetLink}`;
  const notYou = `If this wasn't you, ignore this email: nothing was changed and no new account was made.`;
  return {
    to: input.to,
    subject: `Someone tried to sign up with your ${APP_NAME} email`,
    text: `${intro}\n\n${input.logInLink}\n\n${reset}\n\n${notYou}\n\n— ${APP_NAME}\n`,
    html: html([intro, reset, notYou, `— ${APP_NAME}`], { href: input.logInLink, label: "Log in" }),
  };
}
