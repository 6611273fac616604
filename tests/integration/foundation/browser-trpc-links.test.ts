/**
 * The browser's tRPC links (src/trpc/links.ts) against the real server: they carry no superjson of their own and
 * revive a wrapped answer (the sessions list's dates) with the one transformer, loaded on the first such answer
 * (docs/decisions/107). Plain answers, batches mixing both, inputs and our error shape behave as before.
 */
import { createTRPCClient, TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import type { AppRouter } from "../../../src/server/api/root";
import { browserLinks } from "../../../src/trpc/links";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";
import { browserLogIn, type CookieJar, register } from "../../helpers/auth";

setupTestDatabase();
const baseUrl = setupTestServer();

/** What a browser adds by itself: the session cookie, and the page's origin on a POST. */
function browserFetch(jar: CookieJar): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set("cookie", jar.header());
    headers.set("origin", "http://localhost:3000");
    return fetch(input, { ...init, headers });
  };
}

async function signedInClient(email: string) {
  await register(baseUrl(), email);
  const { jar } = await browserLogIn(baseUrl(), email);
  return createTRPCClient<AppRouter>({ links: browserLinks(baseUrl(), browserFetch(jar)) });
}

describe("the browser's tRPC links", () => {
  it("revive the sessions list's dates, which travel wrapped by superjson", async () => {
    const client = await signedInClient("dora@example.com");
    const sessions = await client.auth.sessions.query();
    expect(sessions).toHaveLength(1);
    const [session] = sessions;
    expect(session!.createdAt).toBeInstanceOf(Date);
    expect(session!.endsAt).toBeInstanceOf(Date);
    expect(session!.endsAt.getTime()).toBeGreaterThan(session!.createdAt.getTime());
    expect(session!.current).toBe(true);
  });

  it("send inputs as JSON and hand plain answers over as they are, in a batch beside a wrapped one", async () => {
    const client = await signedInClient("emil@example.com");
    const created = await client.workflow.create.mutate({ name: "Nightly load", code: "def load():\n    pass\n" });
    expect(created.name).toBe("Nightly load");
    // One tick: the batch link sends these three in one request; each answer reaches its own caller, in order.
    const [list, sessions, tags] = await Promise.all([
      client.workflow.list.query({ search: "nightly" }),
      client.auth.sessions.query(),
      client.workflow.tags.query(),
    ]);
    expect(list.items.map((item) => item.id)).toEqual([created.id]);
    expect(typeof list.items[0]!.updatedAt).toBe("string");
    expect(sessions[0]!.lastUsedAt).toBeInstanceOf(Date);
    expect(tags.items).toEqual([]);
  });

  it("keep our error shape: a refused input is a TRPCClientError with our code and fields, and nothing is written", async () => {
    const client = await signedInClient("fern@example.com");
    const error = await client.workflow.create.mutate({ name: "", code: "x = 1\n" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<AppRouter>).data).toMatchObject({ code: "BAD_REQUEST", httpStatus: 400 });
    expect((await client.workflow.list.query({})).items).toEqual([]);
  });

  it("refuse without a session, as before", async () => {
    const client = createTRPCClient<AppRouter>({ links: browserLinks(baseUrl()) });
    const error = await client.auth.sessions.query().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<AppRouter>).data).toMatchObject({ code: "UNAUTHORIZED", httpStatus: 401 });
  });
});
