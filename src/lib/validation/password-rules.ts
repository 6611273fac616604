/**
 * The rules a new password must meet beyond its length (ASVS 6.2.4, 6.2.12; docs/decisions/039): not only
 * whitespace, not the email address or its local part, and (checked on the server, common-passwords.ts) not one of
 * the most common passwords. These are cheap and run in the forms as well; there are no composition rules.
 */

/** A new password's length in characters (code points); zod-free so the forms' first load can read them. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export const PASSWORD_ONLY_WHITESPACE = "A password cannot be only spaces.";
export const PASSWORD_MENTIONS_EMAIL = "Choose a password that does not contain your email address or its name part.";
export const PASSWORD_TOO_COMMON = "This password is too common. Choose one that is harder to guess.";

/** Parts of an email shorter than this are not looked for inside a password ("ada" would refuse "Nevada…"). */
export const EMAIL_PART_MIN_LENGTH = 4;

/** True for a value made only of whitespace (any Unicode space, tab or line break). */
export function isOnlyWhitespace(value: string): boolean {
  return /^\s*$/u.test(value);
}

/** The parts of an email a password must not contain: the address, its local part, and the part before a "+tag". */
export function emailParts(email: string): string[] {
  const normalised = email.trim().toLowerCase();
  const at = normalised.lastIndexOf("@");
  const local = at > 0 ? normalised.slice(0, at) : normalised;
  const untagged = local.split("+")[0] ?? local;
  return [...new Set([normalised, local, untagged])].filter((part) => [...part].length >= EMAIL_PART_MIN_LENGTH);
}

/** True when the password equals or contains the email, its local part or the local part's untagged form. */
export function mentionsEmail(password: string, email: string): boolean {
  const lowered = password.toLowerCase();
  return emailParts(email).some((part) => lowered.includes(part));
}
