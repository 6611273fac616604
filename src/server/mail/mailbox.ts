/**
 * The development mailbox (docs/decisions/095): `/dev/mailbox` lists the `.eml` files the app wrote to MAIL_DIR, newest
 * first, and `/dev/mailbox/<file>` shows one with its links clickable. Served by our own server only outside
 * production; plain HTML, no script.
 */
import { readdir, readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { getConfig } from "../config";
import { log } from "../log";

const PREFIX = "/dev/mailbox";
const FILE = /^[\w-]{1,100}\.eml$/;
const LIST_MAX = 200;

export interface MailboxEntry {
  file: string;
  date: Date | undefined;
  to: string;
  subject: string;
}

/** The mailbox's files, newest first (names start with the time they were written). */
export async function listMailFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((name) => FILE.test(name)).sort().reverse().slice(0, LIST_MAX);
}

export async function readMail(dir: string, file: string) {
  if (!FILE.test(file)) return null;
  const raw = await readFile(join(dir, file)).catch(() => null);
  if (!raw) return null;
  // Loaded on first use: the production server, which never serves the mailbox, does not carry the parser.
  const { simpleParser } = await import("mailparser");
  return simpleParser(raw);
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#0f172a;line-height:1.5}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.4rem;border-bottom:1px solid #e2e8f0}a{color:#3730a3}
.note{color:#475569;font-size:.9rem}.mail{border:1px solid #e2e8f0;border-radius:.5rem;padding:1rem;white-space:normal}</style>
</head><body>${body}</body></html>`;
}

function addressText(value: unknown): string {
  if (!value) return "";
  const list = Array.isArray(value) ? value : [value];
  return list.map((item: { text?: string }) => item.text ?? "").join(", ");
}

async function listPage(dir: string): Promise<string> {
  const files = await listMailFiles(dir);
  const rows = await Promise.all(
    files.map(async (file) => {
      const mail = await readMail(dir, file);
      const date = mail?.date ? mail.date.toISOString().replace("T", " ").slice(0, 19) : "";
      return `<tr><td>${escapeHtml(date)}</td><td>${escapeHtml(addressText(mail?.to))}</td><td><a href="${PREFIX}/${file}">${escapeHtml(mail?.subject ?? file)}</a></td></tr>`;
    }),
  );
  const table = rows.length
    ? `<table><thead><tr><th>Sent (UTC)</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows.join("")}</tbody></table>`
    : `<p>No mail yet.</p>`;
  return page(
    "Mailbox · Workflow Studio (development)",
    `<h1>Mailbox</h1><p class="note">Mail the app would have sent, written to <code>${escapeHtml(dir)}</code> because SMTP_URL is not set. Development only: this page is not served in production.</p>${table}`,
  );
}

async function messagePage(dir: string, file: string): Promise<string | null> {
  const mail = await readMail(dir, file);
  if (!mail) return null;
  // mailparser's textAsHtml is the plain-text part, escaped, with its URLs made into links.
  const body = mail.textAsHtml ?? `<p>${escapeHtml(mail.text ?? "")}</p>`;
  return page(
    `${mail.subject ?? file} · Mailbox`,
    `<p><a href="${PREFIX}">← Mailbox</a></p><h1>${escapeHtml(mail.subject ?? "(no subject)")}</h1>
<p class="note">From ${escapeHtml(addressText(mail.from))}<br>To ${escapeHtml(addressText(mail.to))}<br>${escapeHtml(mail.date?.toISOString() ?? "")}</p>
<div class="mail">${body}</div>`,
  );
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
  });
  res.end(html);
}

/** Answers `/dev/mailbox[/<file>]` outside production and returns true; false leaves the request to the app. */
export function serveDevMailbox(req: IncomingMessage, res: ServerResponse): boolean {
  const config = getConfig();
  if (config.NODE_ENV === "production") return false;
  const path = (req.url ?? "/").split("?")[0]!;
  if (path !== PREFIX && !path.startsWith(`${PREFIX}/`)) return false;
  const file = path === PREFIX || path === `${PREFIX}/` ? null : path.slice(PREFIX.length + 1);
  void (file === null ? listPage(config.MAIL_DIR) : messagePage(config.MAIL_DIR, file))
    .then((html) => (html ? send(res, 200, html) : send(res, 404, page("Not found", `<p>No such message. <a href="${PREFIX}">Mailbox</a></p>`))))
    .catch((error: unknown) => {
      log.error({ err: error }, "dev mailbox");
      send(res, 500, page("Mailbox", "<p>Could not read the mailbox.</p>"));
    });
  return true;
}
