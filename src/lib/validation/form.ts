/** Form helpers shared by the browser's forms: validate with the server's own schemas, show one message per field. */
import type { z } from "zod";

export type FieldMessages = Record<string, string | undefined>;

export type FormResult<T> = { ok: true; data: T } | { ok: false; fields: FieldMessages };

/** Parses the named fields of a form with a schema; on failure, the first message of each field. */
export function parseForm<T extends z.ZodType>(schema: T, form: FormData, names: readonly string[]): FormResult<z.output<T>> {
  const parsed = schema.safeParse(Object.fromEntries(names.map((name) => [name, form.get(name)])));
  if (parsed.success) return { ok: true, data: parsed.data };
  const fields: FieldMessages = {};
  for (const issue of parsed.error.issues) fields[String(issue.path[0])] ??= issue.message;
  return { ok: false, fields };
}

/** The first message of each field in an error the server answered (tRPC's `error.data.fields`). */
export function serverFieldMessages(error: unknown): FieldMessages {
  const fields = (error as { data?: { fields?: Record<string, string[]> } } | null)?.data?.fields ?? {};
  return Object.fromEntries(Object.entries(fields).map(([name, messages]) => [name, messages[0]]));
}
