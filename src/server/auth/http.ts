/** The account routes for API clients (`/api/auth/register`, `/api/auth/token…`, `/api/auth/password/…`), through `route()`. */
import { forgotPasswordInput, loginInput, refreshInput, registerInput, resetPasswordInput, verifyEmailInput } from "~/lib/validation/auth";
import { AUTH_BODY_MAX_BYTES, validated } from "../http/read-json";
import { route } from "../http/route";
import { requestPasswordReset, resetPassword } from "./password-reset";
import { revokeRefreshToken, rotateRefreshToken } from "./refresh-tokens";
import { verifyEmail } from "./email-verification";
import { registerUser } from "./registration";
import { logInForTokens } from "./users";

/**
 * `POST /api/auth/register {email,password}` → 202 `{"message":"Check your email to finish signing up"}`, whether or
 * not the email is taken (docs/decisions/099); the account, if new, logs in with `POST /api/auth/token` at once.
 */
export const register = route(async ({ json, withDatabase }) => {
  const info = await withDatabase();
  const input = validated(registerInput, await json(AUTH_BODY_MAX_BYTES));
  return { status: 202, body: await registerUser(info, input) };
});

/** `POST /api/auth/email/verify {token}` → 200 `{"user":{"id","email"}}`: the link's account is verified. */
export const verifyEmailRoute = route(async ({ json, withDatabase }) => {
  const info = await withDatabase();
  const input = validated(verifyEmailInput, await json(AUTH_BODY_MAX_BYTES));
  return { body: await verifyEmail(info, input) };
});

/** `POST /api/auth/token {email,password}` → 200 `{"accessToken","tokenType":"Bearer","expiresIn","refreshToken"}`. */
export const token = route(async ({ json, withDatabase }) => {
  const info = await withDatabase();
  const input = validated(loginInput, await json(AUTH_BODY_MAX_BYTES));
  return { body: await logInForTokens(info, input) };
});

/** `POST /api/auth/token/refresh {refreshToken}` → 200, a new pair; the old refresh token is spent. */
export const refreshToken = route(async ({ json, withDatabase }) => {
  const info = await withDatabase();
  const { refreshToken } = validated(refreshInput, await json(AUTH_BODY_MAX_BYTES));
  return { body: await rotateRefreshToken(info, refreshToken) };
});

/** `POST /api/auth/token/revoke {refreshToken}` → 204: ends the token's session (its whole family). */
export const revokeToken = route(async ({ json, withDatabase }) => {
  const info = await withDatabase();
  const { refreshToken } = validated(refreshInput, await json(AUTH_BODY_MAX_BYTES));
  await revokeRefreshToken(info, refreshToken);
  return { status: 204 };
});

/** `POST /api/auth/password/forgot {email}` → 202 `{"message"}`, the same whether or not the account exists. */
export const forgotPassword = route(async ({ json, withDatabase }) => {
  const info = await withDatabase();
  const input = validated(forgotPasswordInput, await json(AUTH_BODY_MAX_BYTES));
  return { status: 202, body: await requestPasswordReset(info, input) };
});

/** `POST /api/auth/password/reset {token,password}` → 200 `{"user":{"id","email"}}`; then log in with the new password. */
export const resetPasswordRoute = route(async ({ json, withDatabase }) => {
  const info = await withDatabase();
  const input = validated(resetPasswordInput, await json(AUTH_BODY_MAX_BYTES));
  return { body: await resetPassword(info, input) };
});
