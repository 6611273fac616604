"use client";

import { useEffect, useState } from "react";
import { afterFirstLoad, LOAD_FAILED } from "~/lib/lazy";
import type { z } from "zod";
import { type FieldMessages, parseForm, serverFieldMessages } from "~/lib/validation/form";

/**
 * The alert and per-field messages of a form: validate with the server's own schema before sending, and show what
 * the server answered when it refuses. Shared by the log-in, sign-up and change-password forms.
 */
export function useFormFeedback(initialAlert: string | null = null, warmUp?: () => Promise<unknown>) {
  const [alert, setAlert] = useState<string | null>(initialAlert);
  const [fields, setFields] = useState<FieldMessages>({});
  // The schema is not in the page's first load (docs/decisions/083): fetch it once the page is idle.
  useEffect(() => (warmUp ? afterFirstLoad(() => void warmUp().catch(() => {})) : undefined), [warmUp]);

  /** The form's valid data, with earlier messages cleared; or null, with the problems shown. */
  function validate<T extends z.ZodType>(schema: T, form: HTMLFormElement, names: readonly string[]): z.output<T> | null {
    const parsed = parseForm(schema, new FormData(form), names);
    if (!parsed.ok) {
      setFields(parsed.fields);
      setAlert("Check the highlighted fields.");
      return null;
    }
    setFields({});
    setAlert(null);
    return parsed.data;
  }

  /** `validate` with a schema loaded on first use; null with a message when it cannot load (offline). */
  async function validateLazily<T extends z.ZodType>(
    schema: () => Promise<T>,
    form: HTMLFormElement,
    names: readonly string[],
  ): Promise<z.output<T> | null> {
    let loaded: T;
    try {
      loaded = await schema();
    } catch {
      setAlert(LOAD_FAILED);
      return null;
    }
    return validate(loaded, form, names);
  }

  /** Shows a refusal from the server: its message, and its field messages beside the fields. */
  function showServerError(error: unknown, fallback: string) {
    setFields(serverFieldMessages(error));
    setAlert(error instanceof Error && error.message ? error.message : fallback);
  }

  return { alert, fields, setAlert, validate, validateLazily, showServerError };
}
