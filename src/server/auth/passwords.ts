/**
 * Password hashing. Argon2id with OWASP's parameters (19 MiB, 2 iterations, 1 lane) by default, bcrypt (cost 12)
 * when PASSWORD_HASHER=bcrypt. Every stored hash verifies whichever policy is current; `needsRehash` says when a
 * successful log-in should store a fresh hash. Both libraries hash on the libuv thread pool, off the event loop, and
 * at most one hash or verification per core runs at a time (docs/decisions/109): each Argon2id one holds 19 MiB.
 */
import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import pLimit from "p-limit";
import * as bcrypt from "bcrypt";
import { hash as argon2Hash, parseOptions, verify as argon2Verify, type Options as Argon2Options } from "@node-rs/argon2";

export type PasswordAlgorithm = "argon2id" | "bcrypt";

export interface PasswordPolicy {
  algorithm: PasswordAlgorithm;
  bcryptCost: number;
}

/** OWASP Password Storage Cheat Sheet: m=19456 (19 MiB), t=2, p=1. */
export const ARGON2ID_PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const ARGON2ID = 2 as unknown as NonNullable<Argon2Options["algorithm"]>; // Algorithm.Argon2id (an ambient const enum)

/**
 * The password work running at once: one per core. More never finishes sooner (it is CPU-bound), but every Argon2id
 * call in flight holds its 19 MiB, and the thread pool's 4 threads would otherwise all be taken by a log-in flood.
 */
const passwordWork = pLimit(availableParallelism());

export function hashPassword(password: string, policy: PasswordPolicy): Promise<string> {
  return passwordWork(() =>
    policy.algorithm === "bcrypt"
      ? bcrypt.hash(password, policy.bcryptCost)
      : argon2Hash(password, { algorithm: ARGON2ID, ...ARGON2ID_PARAMS }),
  );
}

function algorithmOf(stored: string): PasswordAlgorithm | "unknown" {
  if (stored.startsWith("$argon2")) return "argon2id";
  if (/^\$2[aby]\$\d{2}\$/.test(stored)) return "bcrypt";
  return "unknown";
}

const globalForVerifications = globalThis as unknown as { __workflowStudioPasswordVerifications?: Record<PasswordAlgorithm, number> };
const verifications = (globalForVerifications.__workflowStudioPasswordVerifications ??= { argon2id: 0, bcrypt: 0 });

/**
 * How many hash verifications this process has started, by algorithm (a stored value that is not a hash runs none).
 * A test hook, read by the no-enumeration test: an unknown email must cost a real verification, and timing cannot
 * show that reliably on a loaded machine.
 */
export function passwordVerifications(): Readonly<Record<PasswordAlgorithm, number>> {
  return { ...verifications };
}

/** True when `password` matches the stored hash, whichever algorithm made it. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    switch (algorithmOf(stored)) {
      case "argon2id":
        verifications.argon2id++;
        return await passwordWork(() => argon2Verify(stored, password));
      case "bcrypt":
        verifications.bcrypt++;
        return await passwordWork(() => bcrypt.compare(password, stored));
      default:
        return false;
    }
  } catch {
    return false;
  }
}

/** True when the stored hash was made by another algorithm or with other parameters than the policy's. */
export function needsRehash(stored: string, policy: PasswordPolicy): boolean {
  try {
    if (policy.algorithm === "bcrypt") return algorithmOf(stored) !== "bcrypt" || bcrypt.getRounds(stored) !== policy.bcryptCost;
    if (!stored.startsWith("$argon2id$")) return true;
    const params = parseOptions(stored);
    return (
      params.memoryCost !== ARGON2ID_PARAMS.memoryCost ||
      params.timeCost !== ARGON2ID_PARAMS.timeCost ||
      params.parallelism !== ARGON2ID_PARAMS.parallelism
    );
  } catch {
    return true;
  }
}

const dummies = new Map<string, Promise<string>>();

/**
 * A hash of a random password under the policy, made once per process: verifying against it when an email is
 * unknown costs what a real verification costs, so timing does not tell whether an account exists.
 */
export function dummyHash(policy: PasswordPolicy): Promise<string> {
  const key = `${policy.algorithm}:${policy.bcryptCost}`;
  let hashed = dummies.get(key);
  if (!hashed) {
    hashed = hashPassword(randomBytes(24).toString("base64url"), policy);
    dummies.set(key, hashed);
    hashed.catch(() => dummies.delete(key));
  }
  return hashed;
}

const globalForPolicy = globalThis as unknown as { __workflowStudioPasswordPolicy?: PasswordPolicy };

/** The current policy: PASSWORD_HASHER and BCRYPT_COST, unless a test installed another. */
export async function getPasswordPolicy(): Promise<PasswordPolicy> {
  if (globalForPolicy.__workflowStudioPasswordPolicy) return globalForPolicy.__workflowStudioPasswordPolicy;
  const { getConfig } = await import("../config");
  const config = getConfig();
  return { algorithm: config.PASSWORD_HASHER, bcryptCost: config.BCRYPT_COST };
}

export function setPasswordPolicy(policy: PasswordPolicy | undefined): void {
  globalForPolicy.__workflowStudioPasswordPolicy = policy;
}
