/**
 * Issue 12 §3: common passwords, passwords made of the email, and all-whitespace passwords are refused at
 * registration and password change — over REST, tRPC and the shared form schema alike — while NIST's rules stay
 * (no composition rules, 8–128 characters) and existing hashes keep logging in.
 */
import { describe, expect, it } from "vitest";
import { dictionary } from "@zxcvbn-ts/language-common";
import { hashPassword, setPasswordPolicy } from "../../../src/server/auth/passwords";
import { PASSWORD_MENTIONS_EMAIL, PASSWORD_ONLY_WHITESPACE, PASSWORD_TOO_COMMON } from "../../../src/lib/validation/password-rules";
import { registerInput } from "../../../src/lib/validation/auth";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";
import { PASSWORD, postJson, register, tokens } from "../../helpers/auth";

const db = setupTestDatabase();
const baseUrl = setupTestServer();

const registerWith = (email: string, password: string) => postJson(baseUrl(), "/api/auth/register", { email, password });

function expectRefused(result: { status: number; body: Record<string, unknown> | null }, field: string, message: string) {
  expect(result.status).toBe(400);
  expect(result.body).toEqual({
    error: { code: "BAD_REQUEST", message: expect.any(String), requestId: expect.any(String), fields: { [field]: [message] } },
  });
}

/** The ranked list's top 10,000 that a person could type here (8 characters or more). */
const TOP_10K_USABLE = (dictionary["passwords-common"] as string[]).slice(0, 10_000).filter((entry) => [...entry].length >= 8);

describe("new passwords: common ones refused", () => {
  it("refuses the red team's examples and well-known ones at registration (REST), whatever their case", async () => {
    for (const password of ["password", "12345678", "Password", "PASSWORD", "iloveyou", "qwertyuiop", "sunshine", "trustno1", "1qaz2wsx"]) {
      expectRefused(await registerWith("someone@example.com", password), "password", PASSWORD_TOO_COMMON);
    }
    expect(await db().prisma.user.count({ where: { email: "someone@example.com" } })).toBe(0);
  });

  it("covers the 10,000 most common: every 250th usable entry of the ranked list is refused over REST", async () => {
    expect(TOP_10K_USABLE.length).toBeGreaterThan(3_000);
    const sample = TOP_10K_USABLE.filter((_, i) => i % 250 === 0).concat(TOP_10K_USABLE.at(-1)!);
    for (const password of sample) {
      expectRefused(await registerWith("sampler@example.com", password), "password", PASSWORD_TOO_COMMON);
    }
  });

  it("refuses all-whitespace passwords, ASCII or Unicode", async () => {
    for (const password of [" ".repeat(8), "\t".repeat(10), "\u00a0".repeat(8), "\u3000".repeat(9), " \n ".repeat(4)]) {
      expectRefused(await registerWith("spaces@example.com", password), "password", PASSWORD_ONLY_WHITESPACE);
    }
  });

  it("refuses a password that is or contains the email or its local part; short local parts are not looked for", async () => {
    expectRefused(await registerWith("ada.lovelace@example.com", "ada.lovelace@example.com"), "password", PASSWORD_MENTIONS_EMAIL);
    expectRefused(await registerWith("ada.lovelace@example.com", "Ada.Lovelace forever"), "password", PASSWORD_MENTIONS_EMAIL);
    expectRefused(await registerWith("grace+studio@example.com", "grace under pressure"), "password", PASSWORD_MENTIONS_EMAIL);
    expectRefused(await registerWith("hopper@example.com", "hopper12345"), "password", PASSWORD_MENTIONS_EMAIL);
    expect((await registerWith("ada@example.com", "Nevada canyon trip")).status).toBe(202);
  });

  it("keeps NIST's rules: no composition rules, 8 to 128 characters, and a long passphrase is fine", async () => {
    expect((await registerWith("nist-1@example.com", "lowercase words only here")).status).toBe(202);
    expect((await registerWith("nist-2@example.com", "é".repeat(128))).status).toBe(202);
    expect((await registerWith("nist-3@example.com", "short")).status).toBe(400);
    expect((await registerWith("nist-4@example.com", "x".repeat(129))).status).toBe(400);
  });

  it("refuses the same over tRPC, and a refused password costs no registration attempt", async () => {
    for (let i = 0; i < 12; i++) {
      const refused = await postJson(baseUrl(), "/api/trpc/auth.register", { email: `trpc-${i}@example.com`, password: "12345678" });
      expect(refused.status).toBe(400);
      expect(refused.body!.error.fields).toEqual({ password: [PASSWORD_TOO_COMMON] });
    }
    // The limit is 10 registrations per address an hour: the refusals above did not use it up.
    const accepted = await postJson(baseUrl(), "/api/trpc/auth.register", { email: "trpc-ok@example.com", password: PASSWORD });
    expect(accepted.status).toBe(200);
  });

  it("refuses a common or email-made new password at password change (tRPC), and leaves the password as it was", async () => {
    const pair = await tokens(baseUrl(), "trpc-ok@example.com");
    const before = (await db().prisma.user.findUniqueOrThrow({ where: { email: "trpc-ok@example.com" } })).passwordHash;
    const change = (newPassword: string) =>
      postJson(baseUrl(), "/api/trpc/auth.changePassword", { currentPassword: PASSWORD, newPassword }, { authorization: `Bearer ${pair.accessToken}` });
    expectRefused(await change("baseball"), "newPassword", PASSWORD_TOO_COMMON);
    expectRefused(await change("trpc-ok and more"), "newPassword", PASSWORD_MENTIONS_EMAIL);
    expectRefused(await change("        "), "newPassword", PASSWORD_ONLY_WHITESPACE);
    expect((await db().prisma.user.findUniqueOrThrow({ where: { email: "trpc-ok@example.com" } })).passwordHash).toBe(before);
    // A refused new password is not a password guess: it used none of the log-in budget.
    expect(await db().prisma.auditEvent.count({ where: { type: "password_change_failure" } })).toBe(0);
    expect((await change("a fresh and unusual passphrase")).status).toBe(200);
  });

  it("applies with bcrypt too (the byte cap and the list together)", async () => {
    setPasswordPolicy({ algorithm: "bcrypt", bcryptCost: 10 });
    try {
      expectRefused(await registerWith("bcrypt-user@example.com", "football"), "password", PASSWORD_TOO_COMMON);
      expect((await registerWith("bcrypt-user@example.com", "an uncommon bcrypt phrase")).status).toBe(202);
    } finally {
      setPasswordPolicy(undefined);
    }
  });

  it("keeps existing hashes valid: an account whose password is now refused still logs in", async () => {
    const passwordHash = await hashPassword("password", { algorithm: "argon2id", bcryptCost: 12 });
    await db().prisma.user.create({ data: { email: "old-timer@example.com", passwordHash } });
    expect((await postJson(baseUrl(), "/api/auth/token", { email: "old-timer@example.com", password: "password" })).status).toBe(200);
  });

  it("shares its cheap rules with the forms: the sign-up schema refuses whitespace and the email without the server", () => {
    const issues = (input: unknown) => (registerInput.safeParse(input).error?.issues ?? []).map((issue) => issue.message);
    expect(issues({ email: "ada.lovelace@example.com", password: "ada.lovelace!!" })).toEqual([PASSWORD_MENTIONS_EMAIL]);
    expect(issues({ email: "x@example.com", password: " ".repeat(9) })).toEqual([PASSWORD_ONLY_WHITESPACE]);
    expect(issues({ email: "x@example.com", password: PASSWORD })).toEqual([]);
  });

  it("still registers with the README's example passphrase", async () => {
    await register(baseUrl(), "readme@example.com", "correct horse battery");
  });
});
