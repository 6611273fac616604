/**
 * The common-password check (ASVS 6.2.4; docs/decisions/039): the 49,233 most common passwords of
 * `@zxcvbn-ts/language-common` (ranked lists of leaked passwords, shipped in the package: no network), compared
 * case-insensitively after trimming. The list is loaded on first use (~25 ms on a quiet machine, +4 MB of heap), then
 * each check is a set lookup (about a microsecond). Server code only: the forms learn the answer from the server, so
 * no browser bundle carries the list (tests/unit/lib/password-bundles.test.ts keeps it so).
 */
import { isOnlyWhitespace, mentionsEmail, PASSWORD_MENTIONS_EMAIL, PASSWORD_ONLY_WHITESPACE, PASSWORD_TOO_COMMON } from "./password-rules";

let loading: Promise<ReadonlySet<string>> | undefined;

/** The list as a set of lower-cased passwords, loaded once. */
export function commonPasswords(): Promise<ReadonlySet<string>> {
  loading ??= import("@zxcvbn-ts/language-common").then(
    ({ dictionary }) => new Set((dictionary["passwords-common"] as string[]).map((entry) => entry.toLowerCase())),
  );
  return loading;
}

export async function isCommonPassword(password: string): Promise<boolean> {
  return (await commonPasswords()).has(password.trim().toLowerCase());
}

/**
 * Why a new password is refused, or null when it is acceptable: the one check that registration and password
 * change run on the server (REST, tRPC and the forms alike). Length and NUL are the zod schema's.
 */
export async function newPasswordProblem(password: string, context: { email: string }): Promise<string | null> {
  if (isOnlyWhitespace(password)) return PASSWORD_ONLY_WHITESPACE;
  if (mentionsEmail(password, context.email)) return PASSWORD_MENTIONS_EMAIL;
  if (await isCommonPassword(password)) return PASSWORD_TOO_COMMON;
  return null;
}
