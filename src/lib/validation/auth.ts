/**
 * Account inputs, shared by the sign-up and log-in forms, the tRPC procedures and the REST routes,
 * so the browser and the server validate alike. No composition rules: length is what matters.
 */
import { z } from "zod";
import {
  isOnlyWhitespace,
  mentionsEmail,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MENTIONS_EMAIL,
  PASSWORD_MIN_LENGTH,
  PASSWORD_ONLY_WHITESPACE,
} from "./password-rules";

// Where to go after logging in (no zod: the log-in and sign-up forms read it at first paint, docs/decisions/083).
export { AFTER_LOGIN_PATH, afterLoginPath, safeCallbackPath } from "./callback-path";

export const EMAIL_MAX_LENGTH = 254;
export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-rules";
/** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently truncated. */
export const BCRYPT_MAX_BYTES = 72;

const utf8 = new TextEncoder();
const NUL = "\u0000";

/** Length in characters (code points), so an emoji counts once. */
function characters(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

/** An email address, normalised: trimmed and lower-cased. */
export const email = z
  .string({ error: "Enter your email address." })
  .max(EMAIL_MAX_LENGTH * 2, `An email address has at most ${EMAIL_MAX_LENGTH} characters.`)
  .trim()
  .toLowerCase()
  .max(EMAIL_MAX_LENGTH, `An email address has at most ${EMAIL_MAX_LENGTH} characters.`)
  .pipe(z.email({ error: "Enter a valid email address." }));

/** A password as typed at log-in: any stored password verifies, so only the hard bounds apply. */
export const loginPassword = z
  .string({ error: "Enter your password." })
  .min(1, "Enter your password.")
  .max(PASSWORD_MAX_LENGTH * 4, `A password has at most ${PASSWORD_MAX_LENGTH} characters.`)
  .refine((value) => characters(value) <= PASSWORD_MAX_LENGTH, `A password has at most ${PASSWORD_MAX_LENGTH} characters.`)
  .refine((value) => !value.includes(NUL), "A password cannot contain a NUL character.");

/**
 * A new password: 8 to 128 characters, not only whitespace; with bcrypt also at most 72 bytes of UTF-8. The email
 * rule needs the email (registerInput, changePasswordFormInput); the common-password list is checked on the server
 * (src/lib/validation/common-passwords.ts).
 */
export function newPassword(options: { bcrypt?: boolean } = {}) {
  return z
    .string({ error: "Choose a password." })
    .max(PASSWORD_MAX_LENGTH * 4, `A password has at most ${PASSWORD_MAX_LENGTH} characters.`)
    .refine((value) => characters(value) >= PASSWORD_MIN_LENGTH, `A password has at least ${PASSWORD_MIN_LENGTH} characters.`)
    .refine((value) => characters(value) <= PASSWORD_MAX_LENGTH, `A password has at most ${PASSWORD_MAX_LENGTH} characters.`)
    .refine((value) => !value.includes(NUL), "A password cannot contain a NUL character.")
    .refine((value) => !isOnlyWhitespace(value), PASSWORD_ONLY_WHITESPACE)
    .refine(
      (value) => !options.bcrypt || utf8.encode(value).byteLength <= BCRYPT_MAX_BYTES,
      `A password has at most ${BCRYPT_MAX_BYTES} bytes (fewer characters when they are not plain ASCII).`,
    );
}

export const registerInput = z.strictObject({ email, password: newPassword() }).superRefine((value, ctx) => {
  if (mentionsEmail(value.password, value.email)) ctx.addIssue({ code: "custom", path: ["password"], message: PASSWORD_MENTIONS_EMAIL });
});
export const loginInput = z.strictObject({ email, password: loginPassword });
export const refreshInput = z.strictObject({ refreshToken: z.string().min(1).max(128) });
export const changePasswordInput = z.strictObject({ currentPassword: loginPassword, newPassword: newPassword() });

/** "Forgot password?": the email to send a reset link to. */
export const forgotPasswordInput = z.strictObject({ email });
/** A reset link's token (base64url) and the new password (the registration policy; the email rule on the server). */
export const resetPasswordInput = z.strictObject({
  token: z.string({ error: "The reset link is missing its token." }).min(1, "The reset link is missing its token.").max(128, "This reset link is not valid."),
  password: newPassword(),
});

/** An email-verification link's token (base64url), from `/verify-email?token=…`. */
export const verifyEmailInput = z.strictObject({
  token: z
    .string({ error: "The verification link is missing its token." })
    .min(1, "The verification link is missing its token.")
    .max(128, "This verification link is not valid."),
});

/** "Log out this session": the session's id, as Settings → Sessions lists it. */
export const endSessionInput = z.strictObject({ sessionId: z.uuid({ error: "Name a session by its id." }) });

/** The change-password form's schema: the procedure's, plus the email rule with the signed-in person's email. */
export function changePasswordFormInput(userEmail: string) {
  return changePasswordInput.superRefine((value, ctx) => {
    if (mentionsEmail(value.newPassword, userEmail)) ctx.addIssue({ code: "custom", path: ["newPassword"], message: PASSWORD_MENTIONS_EMAIL });
  });
}

export type RegisterInput = z.infer<typeof registerInput>;
export type LoginInput = z.infer<typeof loginInput>;
