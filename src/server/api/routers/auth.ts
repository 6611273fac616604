/**
 * Accounts over tRPC: the same services and zod schemas as the REST routes (src/app/api/auth/*, /api/me).
 * Log-in itself is next-auth's (browser) or POST /api/auth/token (API clients).
 */
import { changePasswordInput, registerInput } from "~/lib/validation/auth";
import { changePassword, logOutEverywhere, registerUser } from "../../auth/users";
import { protectedProcedure, publicProcedure, router } from "../trpc";

export const authRouter = router({
  /** Creates an account; the browser then signs in through next-auth. */
  register: publicProcedure.input(registerInput).mutation(async ({ ctx, input }) => ({ user: await registerUser(ctx, input) })),

  me: protectedProcedure.query(({ ctx }) => ({ user: { id: ctx.user.id, email: ctx.user.email } })),

  /** Asks for the current password; ends every other session of the user. */
  changePassword: protectedProcedure
    .input(changePasswordInput)
    .mutation(({ ctx, input }) => changePassword(ctx, ctx.user, input)),

  /** Ends every session of the user, this one included, and revokes their refresh tokens. */
  logoutEverywhere: protectedProcedure.mutation(({ ctx }) => logOutEverywhere(ctx, ctx.user)),
});
