/**
 * What the first load may not pull in (docs/decisions/107): next-auth's browser client (loaded when a form signs in
 * or out) on any page, superjson (loaded when an answer carries a date) in the root layout. The e2e budget test
 * (tests/e2e/first-load.spec.ts) weighs the result; this names the culprit when an import brings one back. (The
 * helper follows `import type` too, so the API pages, whose router type reaches the server's transformer, are
 * checked for superjson by the integration test of the links and the budget, not here.)
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SRC, packagesImportedBy } from "../../helpers/module-graph";

const imported = (file: string, names: string[]) => [...packagesImportedBy(path.join(SRC, file))].filter((p) => names.includes(p));

describe("first-load imports", () => {
  it("the root layout (every page) imports neither next-auth's client nor superjson", () => {
    expect(imported("app/layout.tsx", ["next-auth/react", "superjson"])).toEqual([]);
  });

  it("no page's components import next-auth's client statically", () => {
    for (const file of [
      "trpc/api-layout.tsx",
      "components/dashboard/dashboard.tsx",
      "components/settings/session-list.tsx",
      "components/settings/logout-everywhere.tsx",
      "components/auth/login-form.tsx",
      "components/auth/signup-form.tsx",
      "components/auth/reset-password-form.tsx",
      "components/editor/use-save-workflow.ts",
    ]) {
      expect(imported(file, ["next-auth/react"]), file).toEqual([]);
    }
  });

  it("while the modules that load them do import them (the check looks where it should)", () => {
    expect(imported("lib/transformer.ts", ["superjson"])).toEqual(["superjson"]);
    expect(imported("server/auth/next-auth.ts", ["next-auth"])).toEqual(["next-auth"]);
  });
});
