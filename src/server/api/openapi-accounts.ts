/**
 * The accounts part of the OpenAPI document (src/server/api/openapi.ts spreads it into `paths`): registration, API
 * log-in and its tokens, the signed-in account, password reset and email verification. Shapes come from the zod
 * schemas the routes validate and answer with (src/lib/validation), as for the workflow routes.
 */
import { z } from "zod";
import { apiErrorBody } from "~/lib/validation/api-error";
import { forgotPasswordInput, loginInput, refreshInput, registerInput, resetPasswordInput, verifyEmailInput } from "~/lib/validation/auth";
import { forgotPasswordResult, meResult, registerResult, resendVerificationResult, tokenPairResult, userResult } from "~/lib/validation/auth-output";

const schema = (type: z.ZodType, io: "input" | "output" = "output") => z.toJSONSchema(type, { io, unrepresentable: "any" });
const jsonContent = (type: z.ZodType, io: "input" | "output" = "output") => ({ "application/json": { schema: schema(type, io) } });
const error = (description: string) => ({ description, content: jsonContent(apiErrorBody) });
const body = (type: z.ZodType) => ({ required: true, content: jsonContent(type, "input") });

const invalid = error("Invalid input (fields name what is wrong)");
const limited = (what: string) => error(`Too many ${what}: Retry-After and details.retryAfterSeconds`);
const unavailable = error("The database is unavailable");

/** The accounts routes, for the document's `paths`. Public routes say `security: []`. */
export function accountPaths() {
  return {
    "/api/auth/register": {
      post: {
        summary:
          "Sign up. The same answer whether or not the email is taken: a new address gets an unverified account and a verification link by mail, a taken one a mail saying someone tried (log in with POST /api/auth/token at once)",
        security: [],
        requestBody: body(registerInput),
        responses: {
          202: { description: "\"Check your email to finish signing up\"", content: jsonContent(registerResult) },
          400: error("Invalid input, or a password the policy refuses (fields.password)"),
          429: limited("registrations from your address (10 an hour)"),
          503: unavailable,
        },
      },
    },
    "/api/auth/token": {
      post: {
        summary: "Log in with email and password: an access token (15 minutes) and a refresh token (single use, within the session's life)",
        security: [],
        requestBody: body(loginInput),
        responses: {
          200: { description: "A token pair", content: jsonContent(tokenPairResult) },
          400: invalid,
          401: error("Invalid email or password (the same answer for an unknown email)"),
          429: limited("password attempts (5 per 15 minutes per address and email)"),
          503: unavailable,
        },
      },
    },
    "/api/auth/token/refresh": {
      post: {
        summary: "Exchange a refresh token for a new pair; the old one is spent, and presenting it again ends its session",
        security: [],
        requestBody: body(refreshInput),
        responses: {
          200: { description: "A new token pair", content: jsonContent(tokenPairResult) },
          400: invalid,
          401: error("The refresh token is unknown, spent, revoked or expired"),
          429: limited("refreshes from your address (120 per 15 minutes)"),
          503: unavailable,
        },
      },
    },
    "/api/auth/token/revoke": {
      post: {
        summary: "Log out: end the refresh token's session (its whole token family); an unknown token changes nothing",
        security: [],
        requestBody: body(refreshInput),
        responses: { 204: { description: "Ended (or nothing to end)" }, 400: invalid, 503: unavailable },
      },
    },
    "/api/me": {
      get: {
        summary: "The signed-in account, and whether its email is verified",
        responses: {
          200: { description: "The account", content: jsonContent(meResult) },
          401: error("Not signed in, or the token is expired or invalid"),
          503: unavailable,
        },
      },
    },
    "/api/auth/password/forgot": {
      post: {
        summary: "Mail a password-reset link (30 minutes, single use); the same answer whether or not an account uses the email",
        security: [],
        requestBody: body(forgotPasswordInput),
        responses: {
          202: { description: "\"If an account uses this email, we have sent it a link…\"", content: jsonContent(forgotPasswordResult) },
          400: invalid,
          429: limited("requests (10 an hour per address, 3 per email)"),
          503: error("The database is unavailable, or email is not configured on this server"),
        },
      },
    },
    "/api/auth/password/reset": {
      post: {
        summary: "Choose a new password with a reset link's token; every session of the account ends (then log in again)",
        security: [],
        requestBody: body(resetPasswordInput),
        responses: {
          200: { description: "The account whose password changed", content: jsonContent(userResult) },
          400: error("The link is not valid or has expired (fields.token), or the policy refuses the password (fields.password)"),
          429: limited("reset attempts from your address (20 per 15 minutes)"),
          503: unavailable,
        },
      },
    },
    "/api/auth/email/verify": {
      post: {
        summary: "Verify the account's email with the token of the link mailed at sign-up (24 hours, single use)",
        security: [],
        requestBody: body(verifyEmailInput),
        responses: {
          200: { description: "The verified account", content: jsonContent(userResult) },
          400: error("The link is not valid (used, replaced by a newer one, unknown) or has expired (fields.token)"),
          429: limited("verification attempts from your address (30 per 15 minutes)"),
          503: unavailable,
        },
      },
    },
    "/api/auth/email/resend": {
      post: {
        summary: "Mail a new verification link to the signed-in account (older links stop working)",
        responses: {
          202: { description: "Sent", content: jsonContent(resendVerificationResult) },
          401: error("Not signed in, or the token is expired or invalid"),
          409: error("The email is already verified"),
          429: limited("resends (3 an hour per account, 10 per address)"),
          503: error("The database is unavailable, or email is not configured on this server"),
        },
      },
    },
  };
}
