/** Points 4 and 8: hashing policies, re-hashing on log-in, and no user enumeration. */
import { availableParallelism } from "node:os";
import * as bcrypt from "bcrypt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dummyHash, hashPassword, needsRehash, passwordVerifications, setPasswordPolicy, verifyPassword } from "../../../src/server/auth/passwords";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";
import { captureLogs, expectNoSecrets, PASSWORD, postJson, register, tokens } from "../../helpers/auth";

const db = setupTestDatabase();
const baseUrl = setupTestServer();
const logs = captureLogs();

beforeEach(async () => {
  await db().prisma.rateLimit.deleteMany();
});
afterEach(() => setPasswordPolicy(undefined));

const ARGON = { algorithm: "argon2id", bcryptCost: 12 } as const;

describe("password hashing", () => {
  it("uses Argon2id with OWASP's parameters by default; every stored hash verifies whatever the policy", async () => {
    const argon = await hashPassword(PASSWORD, ARGON);
    expect(argon).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const bcryptHash = await hashPassword(PASSWORD, { algorithm: "bcrypt", bcryptCost: 12 });
    expect(bcryptHash).toMatch(/^\$2b\$12\$/);
    expect(await verifyPassword(argon, PASSWORD)).toBe(true);
    expect(await verifyPassword(bcryptHash, PASSWORD)).toBe(true);
    expect(await verifyPassword(argon, "wrong")).toBe(false);
    expect(await verifyPassword("not a hash", PASSWORD)).toBe(false);
    expect(needsRehash(argon, ARGON)).toBe(false);
    expect(needsRehash(bcryptHash, ARGON)).toBe(true);
    expect(needsRehash(argon, { algorithm: "bcrypt", bcryptCost: 12 })).toBe(true);
    expect(needsRehash(bcryptHash, { algorithm: "bcrypt", bcryptCost: 13 })).toBe(true);
  });

  it("hashes off the event loop: timers keep firing while a hash runs", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    await Promise.all([hashPassword(PASSWORD, ARGON), hashPassword(PASSWORD, ARGON)]);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(3);
  });

  it("answers every one of a burst of concurrent verifications rightly, more at once than there are cores", async () => {
    const stored = await hashPassword(PASSWORD, ARGON);
    const legacy = await hashPassword(PASSWORD, { algorithm: "bcrypt", bcryptCost: 4 });
    const attempts = Array.from({ length: 4 * availableParallelism() + 2 }, (_, i) => ({
      stored: i % 3 === 2 ? legacy : stored,
      password: i % 2 ? PASSWORD : `${PASSWORD}-wrong`,
    }));
    const results = await Promise.all(attempts.map((attempt) => verifyPassword(attempt.stored, attempt.password)));
    expect(results).toEqual(attempts.map((attempt) => attempt.password === PASSWORD));
  });

  it("upgrades a bcrypt hash to Argon2id on a successful log-in", async () => {
    const legacy = await bcrypt.hash(PASSWORD, 10);
    await db().prisma.user.create({ data: { email: "legacy@example.com", passwordHash: legacy } });
    expect((await postJson(baseUrl(), "/api/auth/token", { email: "legacy@example.com", password: "wrong password" })).status).toBe(401);
    expect((await db().prisma.user.findUniqueOrThrow({ where: { email: "legacy@example.com" } })).passwordHash).toBe(legacy);
    const pair = await tokens(baseUrl(), "legacy@example.com");
    const upgraded = (await db().prisma.user.findUniqueOrThrow({ where: { email: "legacy@example.com" } })).passwordHash;
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(upgraded, PASSWORD)).toBe(true);
    expect(pair.accessToken).toBeTruthy();
  });

  it("with PASSWORD_HASHER=bcrypt: refuses passwords over 72 bytes, hashes with bcrypt, moves Argon2id hashes to bcrypt", async () => {
    setPasswordPolicy({ algorithm: "bcrypt", bcryptCost: 10 });
    const long = "é".repeat(40); // 40 characters, 80 bytes
    const refused = await postJson(baseUrl(), "/api/auth/register", { email: "long@example.com", password: long });
    expect(refused.status).toBe(400);
    expect(refused.body!.error.fields.password[0]).toMatch(/72 bytes/);
    expect(await db().prisma.user.count({ where: { email: "long@example.com" } })).toBe(0);
    await register(baseUrl(), "bee@example.com");
    expect((await db().prisma.user.findUniqueOrThrow({ where: { email: "bee@example.com" } })).passwordHash).toMatch(/^\$2b\$10\$/);
    await tokens(baseUrl(), "legacy@example.com"); // an Argon2id hash since the test above
    expect((await db().prisma.user.findUniqueOrThrow({ where: { email: "legacy@example.com" } })).passwordHash).toMatch(/^\$2b\$10\$/);
  });

  it("accepts 8 to 128 characters with no composition rules", async () => {
    expect((await postJson(baseUrl(), "/api/auth/register", { email: "short@example.com", password: "1234567" })).status).toBe(400);
    expect((await postJson(baseUrl(), "/api/auth/register", { email: "eight@example.com", password: "aaaaaaaa" })).status).toBe(202);
    expect((await postJson(baseUrl(), "/api/auth/register", { email: "max@example.com", password: "😀".repeat(128) })).status).toBe(202);
    expect((await postJson(baseUrl(), "/api/auth/register", { email: "over@example.com", password: "a".repeat(129) })).status).toBe(400);
  });
});

describe("no user enumeration", () => {
  function comparable(response: Response) {
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (!["x-request-id", "date"].includes(name)) headers[name] = value;
    });
    return headers;
  }

  it("answers an unknown email and a wrong password identically: 401, same body, same headers", async () => {
    await register(baseUrl(), "known@example.com");
    const unknown = await postJson(baseUrl(), "/api/auth/token", { email: "unknown@example.com", password: "some password" });
    const wrong = await postJson(baseUrl(), "/api/auth/token", { email: "known@example.com", password: "some password" });
    for (const result of [unknown, wrong]) {
      expect(result.status).toBe(401);
      expect(result.body).toEqual({ error: { code: "INVALID_CREDENTIALS", message: "Invalid email or password.", requestId: expect.any(String) } });
    }
    expect(comparable(unknown.response)).toEqual(comparable(wrong.response));
    expect(Object.keys(comparable(unknown.response)).sort()).toEqual(Object.keys(comparable(wrong.response)).sort());
  });

  it("verifies a real hash for an unknown email as for a wrong password (a dummy Argon2id hash made like a real one)", async () => {
    // Counted rather than timed: on a loaded machine the rest of a log-in varies far more than the ~16 ms of CPU an
    // Argon2id verification costs, so wall or CPU time cannot tell "verified a dummy hash" from "skipped it". How
    // long each path takes is a speed figure, for the benchmark (`npm run bench:api`), not for a test.
    await register(baseUrl(), "counted@example.com");
    const verifiedBy = async (email: string) => {
      const before = passwordVerifications();
      const result = await postJson(baseUrl(), "/api/auth/token", { email, password: "some password" });
      expect(result.status).toBe(401);
      const after = passwordVerifications();
      return { argon2id: after.argon2id - before.argon2id, bcrypt: after.bcrypt - before.bcrypt };
    };
    expect(await verifiedBy("uncounted@example.com")).toEqual({ argon2id: 1, bcrypt: 0 });
    expect(await verifiedBy("counted@example.com")).toEqual({ argon2id: 1, bcrypt: 0 });
    // The dummy costs what a stored hash costs: same algorithm, same parameters.
    expect(await dummyHash(ARGON)).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    setPasswordPolicy({ algorithm: "bcrypt", bcryptCost: 10 });
    expect(await verifiedBy("uncounted@example.com")).toEqual({ argon2id: 0, bcrypt: 1 });
    expect(await dummyHash({ algorithm: "bcrypt", bcryptCost: 10 })).toMatch(/^\$2b\$10\$/);
  });

  it("logs neither the passwords nor the hashes", () => {
    expectNoSecrets(logs(), [PASSWORD, "some password", "wrong password"]);
  });
});
