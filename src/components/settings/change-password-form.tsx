"use client";

import { useRef, type FormEvent } from "react";
import { toast } from "~/components/ui/toast";
import { Field, FormAlert, NewPasswordField } from "~/components/auth/field";
import { buttonClass } from "~/components/ui/button";
import { useFormFeedback } from "~/components/auth/use-form-feedback";
import { authSchemas } from "~/lib/validation/lazy-schemas";
import { api } from "~/trpc/react";

/**
 * Change password: the same schema as the server (with the person's email for the email rule); the server also
 * refuses common passwords, and its reason shows beside the field. The server keeps this session and ends every
 * other one, so the person stays signed in here.
 */
export function ChangePasswordForm({ email }: { email: string }) {
  const formRef = useRef<HTMLFormElement>(null);
  const { alert, fields, validateLazily, showServerError } = useFormFeedback(null, authSchemas);
  const change = api.auth.changePassword.useMutation();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = await validateLazily(
      async () => (await authSchemas()).changePasswordFormInput(email),
      event.currentTarget,
      ["currentPassword", "newPassword"],
    );
    if (!data) return;
    try {
      const { endedSessions } = await change.mutateAsync(data);
      formRef.current?.reset();
      toast.success("Password changed", {
        description:
          endedSessions > 0
            ? `${endedSessions} other ${endedSessions === 1 ? "session was" : "sessions were"} signed out.`
            : "You stay signed in here.",
      });
    } catch (error) {
      showServerError(error, "The password could not be changed. Try again.");
    }
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <FormAlert message={alert} />
      <Field
        id="currentPassword"
        name="currentPassword"
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        error={fields.currentPassword}
      />
      <NewPasswordField id="newPassword" label="New password" error={fields.newPassword} note="Your other sessions are signed out when it changes." />
      <div>
        <button type="submit" className={buttonClass("primary")} disabled={change.isPending}>
          {change.isPending ? "Changing…" : "Change password"}
        </button>
      </div>
    </form>
  );
}
