/**
 * PostgreSQL stops while the app serves (a PostgreSQL of the test's own, so stopping it harms nothing else):
 * requests answer 503 in the one error shape, without a stack trace and within a set time; /api/health says
 * unavailable; and once PostgreSQL is back the same process serves again, without a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, isErrorShape, logIn, register, trpc, type SavedWorkflow } from "./helpers/api";
import { type PrivatePostgres, startPrivatePostgres } from "./helpers/postgres";
import { type AppServer, freePort, randomSecret, startServer } from "./helpers/server";

/** DATABASE_TIMEOUT_MS for the app under test; every answer must come within a few of these. */
const DB_TIMEOUT_MS = 1_000;
const ANSWER_WITHIN_MS = 5_000;

describe("PostgreSQL goes away and comes back", () => {
  let postgres: PrivatePostgres;
  let server: AppServer;
  let token: string;
  let workflowId: string;

  beforeAll(async () => {
    const preferred = 55433;
    const port = (await portIsFree(preferred)) ? preferred : await freePort();
    postgres = startPrivatePostgres(port);
    server = await startServer({ DATABASE_URL: postgres.url, AUTH_SECRET: randomSecret(), DATABASE_TIMEOUT_MS: String(DB_TIMEOUT_MS) });
    await register(server.url, "outage@example.test");
    token = (await logIn(server.url, "outage@example.test")).accessToken;
    const created = await trpc<SavedWorkflow>(server.url, "workflow.save", { name: "before", code: "print(1)\n" }, { token, mutation: true });
    workflowId = created.data!.id;
  });

  afterAll(async () => {
    if (process.env.SYSTEM_TEST_SERVER_LOG) console.info(server?.log().slice(-20_000));
    await server?.kill();
    postgres?.destroy();
  });

  const requests = () => [
    { name: "workflow.list", run: () => trpc(server.url, "workflow.list", { limit: 10 }, { token, timeoutMs: 20_000 }) },
    { name: "workflow.get", run: () => trpc(server.url, "workflow.get", { id: workflowId }, { token, timeoutMs: 20_000 }) },
    {
      name: "workflow.save",
      run: () => trpc(server.url, "workflow.save", { name: "during", code: "print(2)\n" }, { token, mutation: true, timeoutMs: 20_000 }),
    },
    { name: "GET /api/workflows", run: () => call(server.url, "/api/workflows", { token, timeoutMs: 20_000 }) },
    { name: "GET /api/workflows/:id", run: () => call(server.url, `/api/workflows/${workflowId}`, { token, timeoutMs: 20_000 }) },
    { name: "GET /api/me", run: () => call(server.url, "/api/me", { token, timeoutMs: 20_000 }) },
    {
      name: "POST /api/auth/token",
      run: () => call(server.url, "/api/auth/token", { body: { email: "outage@example.test", password: "whatever it is" }, timeoutMs: 20_000 }),
    },
  ];

  it("answers 503 in the one error shape, quickly, while PostgreSQL is down", async () => {
    postgres.stop();
    // A live session's check is reused for up to 2 s (docs/decisions/061): past that window every request needs the
    // database again.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    for (const request of requests()) {
      const started = Date.now();
      const reply = await request.run();
      const took = Date.now() - started;
      expect({ name: request.name, status: reply.status }).toEqual({ name: request.name, status: 503 });
      expect(isErrorShape(reply.json, reply.text), `${request.name}: ${reply.text}`).toBe(true);
      expect((reply.json as { error: { code: string } }).error.code).toBe("SERVICE_UNAVAILABLE");
      expect(took, `${request.name} took ${took} ms`).toBeLessThan(ANSWER_WITHIN_MS);
    }
    const health = await call(server.url, "/api/health", { timeoutMs: 20_000 });
    expect(health.status).toBe(503);
    expect((health.json as { status: string }).status).toBe("unavailable");
    expect(health.text).not.toMatch(/\n\s+at |ECONNREFUSED/);
    // Still the same process.
    expect(server.child.exitCode).toBeNull();
  });

  it("serves again without a restart once PostgreSQL is back", async () => {
    postgres.start();
    const deadline = Date.now() + 20_000;
    let health = await call(server.url, "/api/health");
    while (health.status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      health = await call(server.url, "/api/health");
    }
    expect(health.status).toBe(200);
    for (const request of requests().filter((r) => r.name !== "POST /api/auth/token")) {
      const reply = await request.run();
      expect({ name: request.name, status: reply.status }).toEqual({ name: request.name, status: 200 });
    }
    const loggedIn = await call(server.url, "/api/auth/token", { body: { email: "outage@example.test", password: "correct horse battery staple" } });
    expect(loggedIn.status).toBe(200);
    expect(server.child.exitCode).toBeNull();
  });

  // A transaction that cannot start while PostgreSQL hangs is Prisma's P2028 "Unable to start a transaction in the
  // given time": the database is unavailable (src/server/errors/classify.ts), so `workflow.save` answers 503 too.
  it("answers 503 within the set time while PostgreSQL hangs (no answers, connections open), then recovers", async () => {
    // Warm the pool so that some requests meet a connection that is open but silent.
    await Promise.all(Array.from({ length: 8 }, () => trpc(server.url, "workflow.list", { limit: 10 }, { token })));
    postgres.freeze();
    try {
      // As above: wait out the 2 s session-check window (decision 061), so every request needs the database.
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      const replies = await Promise.all(
        requests().map(async (request) => {
          const started = Date.now();
          const reply = await request.run();
          return { name: request.name, reply, took: Date.now() - started };
        }),
      );
      for (const { name, reply, took } of replies) {
        expect({ name, status: reply.status }).toEqual({ name, status: 503 });
        expect(isErrorShape(reply.json, reply.text), `${name}: ${reply.text}`).toBe(true);
        expect(took, `${name} took ${took} ms`).toBeLessThan(ANSWER_WITHIN_MS);
      }
      const started = Date.now();
      const health = await call(server.url, "/api/health", { timeoutMs: 20_000 });
      expect(health.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(ANSWER_WITHIN_MS);
    } finally {
      postgres.thaw();
    }
    // Back: every answer is right again (no reply of a timed-out query handed to another one).
    const deadline = Date.now() + 20_000;
    while ((await call(server.url, "/api/health")).status !== 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    for (let i = 0; i < 5; i++) {
      const [list, one] = await Promise.all([
        trpc<{ items: { id: string }[] }>(server.url, "workflow.list", { limit: 10 }, { token }),
        trpc<SavedWorkflow>(server.url, "workflow.get", { id: workflowId }, { token }),
      ]);
      expect(list.status).toBe(200);
      expect(one.status).toBe(200);
      expect(one.data!.id).toBe(workflowId);
      expect(one.data!.code).toBe("print(1)\n");
    }
  });
});

async function portIsFree(port: number): Promise<boolean> {
  const { createServer } = await import("node:net");
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}
