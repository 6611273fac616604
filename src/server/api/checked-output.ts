/**
 * A procedure's `.output()` for an answer the server builds field by field (decision 105): checked against its schema
 * in development and tests, passed through as built in production. The list page is the one such answer on a hot
 * path — 50 items parsed by zod on every request cost it ~7 % of its CPU (docs/benchmarks.md, issue 13's profile).
 * Its type still comes from the schema, so a field the service adds or mistypes fails the type-check; the tests
 * (every list they read is parsed) and the OpenAPI conformance test (real answers checked by Ajv) keep the shape.
 */
import type { z } from "zod";

const checkedAtRunTime = () => process.env.NODE_ENV !== "production";

export function builtOutput<S extends z.ZodType>(schema: S): (value: unknown) => z.output<S> {
  if (checkedAtRunTime()) return (value) => schema.parse(value);
  return (value) => value as z.output<S>;
}
