/**
 * Two production instances on different ports, one PostgreSQL database, the same AUTH_SECRET: they start together
 * on an empty database (each migrates at start), accept each other's tokens, count log-in failures together, let
 * exactly one of two concurrent saves with the same expected version win, and share log-out everywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, isErrorShape, logIn, PASSWORD, register, trpc, type SavedWorkflow } from "./helpers/api";
import { createDatabase, type OwnDatabase } from "./helpers/postgres";
import { type AppServer, randomSecret, startServer } from "./helpers/server";

describe("two instances on one PostgreSQL", () => {
  let database: OwnDatabase;
  let a: AppServer;
  let b: AppServer;

  beforeAll(async () => {
    database = await createDatabase("ws_scaleout");
    const env = { DATABASE_URL: database.url, AUTH_SECRET: randomSecret() };
    // Both start at once on an empty database: the schema engine's advisory lock makes them migrate in turn.
    [a, b] = await Promise.all([startServer(env), startServer(env)]);
  });

  afterAll(async () => {
    await Promise.all([a?.kill(), b?.kill()]);
    await database?.drop();
  });

  it("both came up on an empty database and agree on the schema", async () => {
    const [healthA, healthB] = await Promise.all([call(a.url, "/api/health"), call(b.url, "/api/health")]);
    expect(healthA.status).toBe(200);
    expect(healthB.status).toBe(200);
    expect(healthA.json).toEqual(healthB.json);
    expect((healthA.json as { migrations: number }).migrations).toBeGreaterThan(0);
  });

  it("a token issued by one instance is accepted by the other", async () => {
    await register(a.url, "shared@example.test");
    const tokens = await logIn(a.url, "shared@example.test");
    const me = await call(b.url, "/api/me", { token: tokens.accessToken });
    expect(me.status).toBe(200);
    expect(JSON.stringify(me.json)).toContain("shared@example.test");
    // And a refresh token from A is exchanged by B.
    const refreshed = await call(b.url, "/api/auth/token/refresh", { body: { refreshToken: tokens.refreshToken } });
    expect(refreshed.status).toBe(200);
  });

  it("the log-in rate limit counts failures made through both instances", async () => {
    const email = "limited@example.test";
    await register(b.url, email);
    const attempt = (server: AppServer, password: string) => call(server.url, "/api/auth/token", { body: { email, password } });
    for (const server of [a, a, a, b, b]) {
      const reply = await attempt(server, "wrong password!");
      expect(reply.status).toBe(401);
    }
    // The sixth attempt is refused on either instance, even with the right password.
    for (const server of [a, b]) {
      const reply = await attempt(server, PASSWORD);
      expect(reply.status).toBe(429);
      expect(Number(reply.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(isErrorShape(reply.json, reply.text)).toBe(true);
    }
  });

  it("saves of one workflow through both instances with the same expected version: exactly one wins", async () => {
    await register(a.url, "saver@example.test");
    const { accessToken: token } = await logIn(b.url, "saver@example.test");
    for (let round = 0; round < 5; round++) {
      const created = await trpc<SavedWorkflow>(a.url, "workflow.save", { name: `race ${round}`, code: "print('v1')\n" }, { token, mutation: true });
      expect(created.status).toBe(200);
      const id = created.data!.id;
      const attempts = Array.from({ length: 10 }, (_, i) => ({
        server: i % 2 === 0 ? a : b,
        code: `print('writer ${i} of round ${round}')\n`,
      }));
      const replies = await Promise.all(
        attempts.map(({ server, code }) =>
          trpc<SavedWorkflow>(server.url, "workflow.save", { id, name: `race ${round}`, code, expectedVersion: 1 }, { token, mutation: true }),
        ),
      );
      const winners = replies.flatMap((reply, i) => (reply.status === 200 ? [i] : []));
      expect(winners).toHaveLength(1);
      expect(replies.filter((reply) => reply.status === 409)).toHaveLength(attempts.length - 1);
      const stored = await trpc<SavedWorkflow>(round % 2 ? a.url : b.url, "workflow.get", { id }, { token });
      expect(stored.data!.version).toBe(2);
      expect(stored.data!.code).toBe(attempts[winners[0]!]!.code);
    }
  });

  it("logging out everywhere through one instance ends the refresh tokens the other issued", async () => {
    await register(a.url, "everywhere@example.test");
    const viaA = await logIn(a.url, "everywhere@example.test");
    const viaB = await logIn(b.url, "everywhere@example.test");
    const out = await trpc(a.url, "auth.logoutEverywhere", {}, { token: viaA.accessToken, mutation: true });
    expect(out.status).toBe(200);
    for (const server of [a, b]) {
      const refresh = await call(server.url, "/api/auth/token/refresh", { body: { refreshToken: viaB.refreshToken } });
      expect(refresh.status).toBe(401);
      expect(isErrorShape(refresh.json, refresh.text)).toBe(true);
    }
    const refreshA = await call(b.url, "/api/auth/token/refresh", { body: { refreshToken: viaA.refreshToken } });
    expect(refreshA.status).toBe(401);
    // The access tokens B issued stop working at once too (each request checks the session).
    const me = await call(b.url, "/api/me", { token: viaB.accessToken });
    expect(me.status).toBe(401);
  });
});
