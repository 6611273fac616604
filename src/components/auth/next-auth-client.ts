/**
 * next-auth's browser client (`signIn`, `signOut`), loaded when first used, and warmed up after the load event on
 * the pages whose form needs it (docs/decisions/107): ~8 kB gzip of ES5 code that no first paint needs. The only
 * module that imports `next-auth/react` (eslint.config.mjs); who is signed in is read by ./session.tsx.
 */
import { useEffect } from "react";
import { toast } from "~/components/ui/toast";
import { afterFirstLoad, LOAD_FAILED, lazyModule } from "~/lib/lazy";

// Types through `typeof import(…)`: the module is never imported statically (tests/unit/trpc/first-load-imports.test.ts).
type NextAuthClient = typeof import("next-auth/react");
type SignInResponse = Awaited<ReturnType<NextAuthClient["signIn"]>>;
type SignInOptions = NonNullable<Parameters<NextAuthClient["signIn"]>[1]>;
type SignOutParams = NonNullable<Parameters<NextAuthClient["signOut"]>[0]>;

const loadNextAuthClient = lazyModule((): Promise<NextAuthClient> => import("next-auth/react"));

/** The `error` of a sign-in whose code could not be loaded (offline): nothing was sent. */
export const SIGN_IN_NOT_LOADED = "LoadFailed";

/** next-auth's `signIn(provider, { redirect: false, … })`; `{ error: SIGN_IN_NOT_LOADED }` when its code cannot load. */
export async function signIn(provider: string, options: SignInOptions & { redirect: false }): Promise<SignInResponse> {
  const client = await loadNextAuthClient().catch(() => null);
  if (!client) return { error: SIGN_IN_NOT_LOADED, status: 0, ok: false, url: null };
  return client.signIn(provider, options);
}

/** next-auth's `signOut`: ends the session and loads `callbackUrl`. Says so when its code cannot load. */
export async function signOut(options: SignOutParams): Promise<void> {
  const client = await loadNextAuthClient().catch(() => null);
  if (!client) {
    toast.error(LOAD_FAILED);
    return;
  }
  await client.signOut(options);
}

/** Loads the client once the page has loaded and is idle, so a form's submit does not wait for it. */
export function useNextAuthWarmUp() {
  useEffect(() => afterFirstLoad(() => void loadNextAuthClient().catch(() => {})), []);
}
