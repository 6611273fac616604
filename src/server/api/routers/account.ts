/**
 * The account's own end over tRPC: deleting it (the same service as `DELETE /api/me`). "Download my data" is a file,
 * served only as `GET /api/me/export.zip`.
 */
import { deleteAccountInput } from "~/lib/validation/account";
import { accountDeleted } from "~/lib/validation/account-output";
import { deleteAccount } from "../../account/deletion";
import { protectedProcedure, router } from "../trpc";

export const accountRouter = router({
  /** Asks for the password again; deletes the account and everything in it, ends every session, mails a confirmation. */
  delete: protectedProcedure
    .input(deleteAccountInput)
    .output(accountDeleted)
    .mutation(({ ctx, input }) => deleteAccount(ctx, ctx.user, input)),
});
