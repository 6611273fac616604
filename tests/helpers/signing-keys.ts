/** Key pairs made at test time with node:crypto, as PEM strings (no key files in the repository). */
import { generateKeyPairSync } from "node:crypto";

export type KeyKind = "ed25519" | "p256" | "p384" | "rsa";

export function pemKeyPair(kind: KeyKind): { privateKey: string; publicKey: string } {
  const privateKeyEncoding = { type: "pkcs8", format: "pem" } as const;
  const publicKeyEncoding = { type: "spki", format: "pem" } as const;
  switch (kind) {
    case "ed25519":
      return generateKeyPairSync("ed25519", { privateKeyEncoding, publicKeyEncoding });
    case "p256":
      return generateKeyPairSync("ec", { namedCurve: "P-256", privateKeyEncoding, publicKeyEncoding });
    case "p384":
      return generateKeyPairSync("ec", { namedCurve: "P-384", privateKeyEncoding, publicKeyEncoding });
    case "rsa":
      return generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding, publicKeyEncoding });
  }
}
