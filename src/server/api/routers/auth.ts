/**
 * Accounts over tRPC: the same services and zod schemas as the REST routes (src/server/auth/http.ts, /api/me).
 * Log-in itself is next-auth's (browser) or POST /api/auth/token (API clients).
 */
import { changePasswordInput, endSessionInput, forgotPasswordInput, registerInput, resetPasswordInput } from "~/lib/validation/auth";
import { endedSession, endedSessions, forgotPasswordResult, sessionList, userResult } from "~/lib/validation/auth-output";
import { requestPasswordReset, resetPassword } from "../../auth/password-reset";
import { endSession, listSessions } from "../../auth/session-list";
import { changePassword, logOutEverywhere, registerUser } from "../../auth/users";
import { protectedProcedure, publicProcedure, router } from "../trpc";

export const authRouter = router({
  /** Creates an account; the browser then signs in through next-auth. */
  register: publicProcedure.input(registerInput).output(userResult).mutation(async ({ ctx, input }) => ({ user: await registerUser(ctx, input) })),

  /** "Forgot password?": mails a reset link when the account exists; the same answer either way. */
  forgotPassword: publicProcedure
    .input(forgotPasswordInput)
    .output(forgotPasswordResult)
    .mutation(({ ctx, input }) => requestPasswordReset(ctx, input)),

  /** A new password with a reset link's token; every session ends; the browser then logs in with it. */
  resetPassword: publicProcedure.input(resetPasswordInput).output(userResult).mutation(({ ctx, input }) => resetPassword(ctx, input)),

  me: protectedProcedure.output(userResult).query(({ ctx }) => ({ user: { id: ctx.user.id, email: ctx.user.email } })),

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
