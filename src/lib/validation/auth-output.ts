/**
 * What the account procedures answer, declared once: their `.output()` and the types the auth services return.
 */
import { z } from "zod";

export const publicUser = z.object({ id: z.string().meta({ format: "uuid" }), email: z.string() });

/** `auth.me`, `auth.register` (and `GET /api/me`, `POST /api/auth/register`). */
export const userResult = z.object({ user: publicUser });

/** `auth.forgotPassword` (and `POST /api/auth/password/forgot`, 202): the same answer whether or not the account exists. */
export const forgotPasswordResult = z.object({ message: z.string() });

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
export const endedSessions = z.object({ endedSessions: z.number().int().nonnegative() });
export const endedSession = z.object({ current: z.boolean() });

export type ForgotPasswordResult = z.infer<typeof forgotPasswordResult>;
export type PublicUser = z.infer<typeof publicUser>;
export type SessionSummary = z.infer<typeof sessionSummary>;
