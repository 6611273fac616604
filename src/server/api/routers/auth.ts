/**
 * Accounts over tRPC: the same services and zod schemas as the REST routes (src/server/auth/http.ts, /api/me).
 * Log-in itself is next-auth's (browser) or POST /api/auth/token (API clients).
 */
import { changePasswordInput, endSessionInput, forgotPasswordInput, registerInput, resetPasswordInput, verifyEmailInput } from "~/lib/validation/auth";
import {
  endedSession,
  endedSessions,
  forgotPasswordResult,
  meResult,
  registerResult,
  resendVerificationResult,
  sessionList,
  userResult,
} from "~/lib/validation/auth-output";
import { isEmailVerified, resendVerification, verifyEmail } from "../../auth/email-verification";
import { registerUser } from "../../auth/registration";
import { requestPasswordReset, resetPassword } from "../../auth/password-reset";
import { endSession, listSessions } from "../../auth/session-list";
import { changePassword, logOutEverywhere } from "../../auth/users";
import { protectedProcedure, publicProcedure, router } from "../trpc";

export const authRouter = router({
  /**
   * "Check your email…" whether or not the email is taken (decision 099); a new account gets a verification link and
   * the browser then signs in through next-auth.
   */
  register: publicProcedure.input(registerInput).output(registerResult).mutation(({ ctx, input }) => registerUser(ctx, input)),

  /** Uses an email-verification link's token: the account's email is verified. */
  verifyEmail: publicProcedure.input(verifyEmailInput).output(userResult).mutation(({ ctx, input }) => verifyEmail(ctx, input)),

  /** Mails a new verification link to the signed-in person (rate-limited); CONFLICT when already verified. */
  resendVerification: protectedProcedure.output(resendVerificationResult).mutation(({ ctx }) => resendVerification(ctx, ctx.user)),

  /** "Forgot password?": mails a reset link when the account exists; the same answer either way. */
  forgotPassword: publicProcedure
    .input(forgotPasswordInput)
    .output(forgotPasswordResult)
    .mutation(({ ctx, input }) => requestPasswordReset(ctx, input)),

  /** A new password with a reset link's token; every session ends; the browser then logs in with it. */
  resetPassword: publicProcedure.input(resetPasswordInput).output(userResult).mutation(({ ctx, input }) => resetPassword(ctx, input)),

  me: protectedProcedure
    .output(meResult)
    .query(async ({ ctx }) => ({ user: { id: ctx.user.id, email: ctx.user.email, emailVerified: await isEmailVerified(ctx, ctx.user.id) } })),

  /** Asks for the current password; ends every other session of the user. */
  changePassword: protectedProcedure
    .input(changePasswordInput)
    .output(endedSessions)
    .mutation(({ ctx, input }) => changePassword(ctx, ctx.user, input)),

  /** The user's live sessions (browsers and API clients), most recently used first; `current` marks this one. */
  sessions: protectedProcedure.output(sessionList).query(({ ctx }) => listSessions(ctx.db, ctx.user)),

  /** Ends one of the user's sessions ("log out this session"); NOT_FOUND for one that is not theirs or has ended. */
  endSession: protectedProcedure.input(endSessionInput).output(endedSession).mutation(({ ctx, input }) => endSession(ctx, ctx.user, input.sessionId)),

  /** Ends every session of the user, this one included, and revokes their refresh tokens. */
  logoutEverywhere: protectedProcedure.output(endedSessions).mutation(({ ctx }) => logOutEverywhere(ctx, ctx.user)),
});
