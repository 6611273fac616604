/**
 * `GET /.well-known/jwks.json`: the public keys of our access tokens, for other services (docs/security/other-services.md,
 * docs/decisions/094). Cacheable for five minutes; no database, no credential.
 */
import type { JwkSet } from "~/lib/validation/jwks-output";
import { route } from "../http/route";
import { getKeyring } from "./keys";

/** How long a verifier (or a cache between) may keep the key set; the rotation guide waits at least this long. */
export const JWKS_MAX_AGE_SECONDS = 300;

export const jwks = route(async () => {
  const body: JwkSet = { keys: (await getKeyring()).publicJwks() };
  return { body, headers: { "Cache-Control": `public, max-age=${JWKS_MAX_AGE_SECONDS}` } };
});
