/** Inputs of the account's own end: deleting it (Settings → "Delete account", `DELETE /api/me`). */
import { z } from "zod";
import { loginPassword } from "./auth";

/** The current password, asked again before the account is deleted. */
export const deleteAccountInput = z.object({ password: loginPassword }).strict();

export type DeleteAccountInput = z.infer<typeof deleteAccountInput>;
