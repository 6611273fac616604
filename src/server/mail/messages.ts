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
