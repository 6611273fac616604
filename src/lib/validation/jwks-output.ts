/**
 * What `GET /.well-known/jwks.json` answers (RFC 7517): the public keys that verify our access tokens, current first,
 * then the previous one during a rotation; `keys: []` when access tokens are HS256 (docs/decisions/094).
 */
import { z } from "zod";

const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/);

const common = { kid: base64url, use: z.literal("sig"), x: base64url };

export const publicJwk = z.discriminatedUnion("kty", [
  z.strictObject({ kty: z.literal("OKP"), crv: z.literal("Ed25519"), alg: z.literal("EdDSA"), ...common }),
  z.strictObject({ kty: z.literal("EC"), crv: z.literal("P-256"), alg: z.literal("ES256"), y: base64url, ...common }),
]);

export const jwkSet = z.strictObject({ keys: z.array(publicJwk).max(2) });

export type PublicJwk = z.infer<typeof publicJwk>;
export type JwkSet = z.infer<typeof jwkSet>;
