/**
 * What the account procedures answer, declared once: their `.output()` and the types the auth services return.
 */
import { z } from "zod";

export const publicUser = z.object({ id: z.string().meta({ format: "uuid" }), email: z.string() });

/** `auth.me`, `auth.register` (and `GET /api/me`, `POST /api/auth/register`). */
export const userResult = z.object({ user: publicUser });

/** An answer that is only a message for the person. */
export const messageResult = z.object({ message: z.string() });

/** `auth.forgotPassword` (and `POST /api/auth/password/forgot`, 202): the same answer whether or not the account exists. */
export const forgotPasswordResult = messageResult;

/** `auth.register` (and `POST /api/auth/register`, 202): "Check your email…", the same whether or not the email is taken. */
export const registerResult = messageResult;

/** `auth.resendVerification` (and `POST /api/auth/email/resend`, 202). */
export const resendVerificationResult = messageResult;

/** `auth.me` (and `GET /api/me`): the account, and whether its email is verified. */
export const meResult = z.object({ user: publicUser.extend({ emailVerified: z.boolean() }) });

/** One of the person's live sessions (Settings → Sessions). Dates travel as dates (superjson). */
export const sessionSummary = z.object({
  id: z.string(),
  kind: z.enum(["browser", "api"]),
  device: z.string(),
  clientAddress: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date(),
  /** When it ends if unused from now on (absolute end or idle timeout, whichever is first). */
  endsAt: z.date(),
  /** The session this request came with. */
  current: z.boolean(),
});

export const sessionList = z.array(sessionSummary);

/** `POST /api/auth/token` and `/api/auth/token/refresh`: a short-lived access token (JWT) and an opaque refresh token. */
export const tokenPairResult = z.object({
  accessToken: z.string(),
  tokenType: z.literal("Bearer"),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int().positive(),
  refreshToken: z.string(),
});
export const endedSessions = z.object({ endedSessions: z.number().int().nonnegative() });
export const endedSession = z.object({ current: z.boolean() });

export type TokenPair = z.infer<typeof tokenPairResult>;
export type MeResult = z.infer<typeof meResult>;
export type ForgotPasswordResult = z.infer<typeof forgotPasswordResult>;
export type PublicUser = z.infer<typeof publicUser>;
export type SessionSummary = z.infer<typeof sessionSummary>;
