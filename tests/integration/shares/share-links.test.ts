/**
 * Read-only share links over real HTTP and through tRPC (docs/decisions/090): create, open, follow or pin, revoke,
 * expire, trash; owner-only; every token that opens nothing answers the same 404; reads are rate-limited per address.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createShare, listShares } from "../../../src/server/shares/links";
import { readShared } from "../../../src/server/shares/shared";
import { signUp, type ApiSession } from "../../helpers/api-session";
import { callerFor, createUser, expectAppError } from "../../helpers/callers";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";

// This file's own process: a small storage limit and a short history, read by the configuration on first use.
const STORAGE_LIMIT = 20_000;
process.env.STORAGE_LIMIT_PER_USER_BYTES = String(STORAGE_LIMIT);
process.env.WORKFLOW_HISTORY_MAX_VERSIONS = "1";
afterAll(() => {
  delete process.env.STORAGE_LIMIT_PER_USER_BYTES;
  delete process.env.WORKFLOW_HISTORY_MAX_VERSIONS;
});

const db = setupTestDatabase();
// One trusted proxy hop: each test reads shared links from its own X-Forwarded-For address.
const baseUrl = setupTestServer({ trustProxyHops: 1 });

beforeEach(async () => {
  await db().prisma.rateLimit.deleteMany(); // sign-ups come from one address; each test starts with fresh counters
});

function api(path: string, init: RequestInit & { token?: string; from?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  if (init.from) headers.set("x-forwarded-for", init.from);
  if (init.body && !headers.has("content-type")) headers.set("content-type", "application/json");
  return fetch(`${baseUrl()}${path}`, { ...init, headers });
}

async function createWorkflow(me: ApiSession, code: string, name = "Nightly ETL") {
  const response = await api("/api/workflows", { method: "POST", token: me.accessToken, body: JSON.stringify({ name, code }) });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; version: number };
}

async function save(me: ApiSession, id: string, body: Record<string, unknown>) {
  const response = await api(`/api/workflows/${id}`, { method: "PUT", token: me.accessToken, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return (await response.json()) as { version: number };
}

interface Created {
  link: { id: string; workflowId: string; pinnedVersion: number | null; expiresAt: string | null; expired: boolean };
  token: string;
  path: string;
  url: string;
}

async function share(me: ApiSession, id: string, body: Record<string, unknown> = {}) {
  const response = await api(`/api/workflows/${id}/shares`, { method: "POST", token: me.accessToken, body: JSON.stringify(body) });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as Created;
}

const address = () => `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]! || 1}`;

const open = (token: string, from = address()) => api(`/api/shared/${encodeURIComponent(token)}`, { from });

/** What two refusals must share: status, body but its request id, and every header but the request id and date. */
async function fingerprint(response: Response) {
  const body = (await response.json()) as { error: { requestId: string } };
  expect(body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  const headers = [...response.headers].filter(([name]) => !["x-request-id", "date"].includes(name));
  return { status: response.status, body: { ...body, error: { ...body.error, requestId: "…" } }, headers };
}

function expectErrorShape(body: unknown, code: string) {
  expect(body).toMatchObject({ error: { code, message: expect.any(String), requestId: expect.any(String) } });
  expect(JSON.stringify(body)).not.toMatch(/stack|node_modules|prisma|SELECT|at \//i);
}

describe("share links over REST", () => {
  it("makes a link whose token is shown once and stored only as its SHA-256; anyone opens it without an account", async () => {
    const me = await signUp(baseUrl());
    const code = "\ufeff# nightly\r\nfrom airflow import DAG\r\n";
    const workflow = await createWorkflow(me, code);
    const created = await share(me, workflow.id, { expiresIn: "7d" });
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 random bits
    expect(created.path).toBe(`/s/${created.token}`);
    expect(created.url).toMatch(new RegExp(`/s/${created.token}$`));
    expect(created.link).toMatchObject({ workflowId: workflow.id, pinnedVersion: null, expired: false });

    const rows = await db().prisma.shareLink.findMany({ where: { workflowId: workflow.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(createHash("sha256").update(created.token).digest("hex"));
    expect(JSON.stringify(rows)).not.toContain(created.token);

    const response = await open(created.token);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-robots-tag")).toContain("noindex");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    const text = await response.text();
    expect(text).not.toContain(me.email);
    expect(text).not.toContain(me.userId);
    expect(text).not.toContain(workflow.id);
    const shared = JSON.parse(text);
    expect(shared).toEqual({ name: "Nightly ETL", code, version: 1, savedAt: expect.any(String), pinned: false, expiresAt: created.link.expiresAt });

    // Listed for the workflow and in "all mine", never with the token.
    const list = await (await api(`/api/workflows/${workflow.id}/shares`, { token: me.accessToken })).text();
    expect(JSON.parse(list).items).toEqual([created.link]);
    expect(list).not.toContain(created.token);
    const mine = await (await api("/api/shares", { token: me.accessToken })).json();
    expect(mine.items.map((item: { id: string }) => item.id)).toEqual([created.link.id]);
  });

  it("follows the latest save, or keeps a pinned version after later saves and the history's retention", async () => {
    const me = await signUp(baseUrl());
    const workflow = await createWorkflow(me, "step = 1\n");
    const latest = await share(me, workflow.id);
    const pinnedNow = await share(me, workflow.id, { version: 1, expiresIn: "never" });
    expect(pinnedNow.link).toMatchObject({ pinnedVersion: 1, expiresAt: null });
    await save(me, workflow.id, { code: "step = 2\n", expectedVersion: 1 });
    const pinnedOld = await share(me, workflow.id, { version: 1 }); // now a kept version, read from the history
    await save(me, workflow.id, { name: "Renamed", expectedVersion: 2 });
    await save(me, workflow.id, { code: "step = 4\n", expectedVersion: 3 });
    await save(me, workflow.id, { code: "step = 5\n", expectedVersion: 4 });
    // The history keeps one version here (WORKFLOW_HISTORY_MAX_VERSIONS=1): version 1 is gone from it.
    const versions = await (await api(`/api/workflows/${workflow.id}/versions`, { token: me.accessToken })).json();
    expect(versions.items.map((item: { version: number }) => item.version)).toEqual([5, 4]);
    expect((await api(`/api/workflows/${workflow.id}/versions/1`, { token: me.accessToken })).status).toBe(404);

    expect(await (await open(latest.token)).json()).toMatchObject({ name: "Renamed", code: "step = 5\n", version: 5, pinned: false });
    for (const pinned of [pinnedNow, pinnedOld]) {
      expect(await (await open(pinned.token)).json()).toMatchObject({ name: "Nightly ETL", code: "step = 1\n", version: 1, pinned: true });
    }
  });

  it("answers a revoked, expired or trashed link exactly as a wrong or malformed token", async () => {
    const me = await signUp(baseUrl());
    const workflow = await createWorkflow(me, "a = 1\n");
    const from = address();
    const wrong = await fingerprint(await open(randomBytes(32).toString("base64url"), from));
    expect(wrong.status).toBe(404);
    expectErrorShape(wrong.body, "NOT_FOUND");
    expect(wrong.headers).toContainEqual(["x-robots-tag", "noindex, nofollow, noarchive"]);
    expect(wrong.headers).toContainEqual(["referrer-policy", "no-referrer"]);

    const revoked = await share(me, workflow.id);
    expect((await open(revoked.token, from)).status).toBe(200);
    expect((await api(`/api/shares/${revoked.link.id}`, { method: "DELETE", token: me.accessToken })).status).toBe(204);
    expect(await fingerprint(await open(revoked.token, from))).toEqual(wrong);
    expect((await api(`/api/shares/${revoked.link.id}`, { method: "DELETE", token: me.accessToken })).status).toBe(404);

    const expired = await share(me, workflow.id, { expiresIn: "1d" });
    await db().prisma.shareLink.update({ where: { id: expired.link.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await fingerprint(await open(expired.token, from))).toEqual(wrong);
    const listed = await (await api(`/api/workflows/${workflow.id}/shares`, { token: me.accessToken })).json();
    expect(listed.items).toEqual([expect.objectContaining({ id: expired.link.id, expired: true })]);

    const live = await share(me, workflow.id);
    expect((await api(`/api/workflows/${workflow.id}`, { method: "DELETE", token: me.accessToken })).status).toBe(204);
    expect(await fingerprint(await open(live.token, from))).toEqual(wrong);
    // In the trash the links are hidden and cannot be listed; restored, the workflow's links work again.
    expect((await api(`/api/workflows/${workflow.id}/shares`, { token: me.accessToken })).status).toBe(404);
    expect((await (await api("/api/shares", { token: me.accessToken })).json()).items).toEqual([]);
    expect((await api(`/api/trash/${workflow.id}/restore`, { method: "POST", token: me.accessToken })).status).toBe(200);
    expect((await open(live.token, from)).status).toBe(200);

    // Guessing: random tokens, tokens of other shapes, a revoked token with a character changed — one answer.
    const guesses = [
      ...Array.from({ length: 10 }, () => randomBytes(32).toString("base64url")),
      "",
      "x",
      live.token.slice(0, -1),
      `${live.token}A`,
      live.token.slice(0, -1) + (live.token.endsWith("A") ? "B" : "A"),
      live.token.toUpperCase() === live.token ? live.token.toLowerCase() : live.token.toUpperCase(),
      "../../api/workflows",
      "' OR 1=1 --",
      "ü".repeat(300),
      "a".repeat(5000),
    ];
    for (const guess of guesses.filter((g) => g !== "")) {
      expect(await fingerprint(await open(guess, from)), JSON.stringify(guess.slice(0, 40))).toEqual(wrong);
    }
  });

  it("is owner-only: another person's workflow and link are as missing as unknown ones (404), nobody signed in is 401", async () => {
    const owner = await signUp(baseUrl());
    const other = await signUp(baseUrl());
    const workflow = await createWorkflow(owner, "secret = 1\n");
    const created = await share(owner, workflow.id);
    const unknownWorkflow = randomUUID();
    for (const [method, path] of [
      ["GET", `/api/workflows/${workflow.id}/shares`],
      ["POST", `/api/workflows/${workflow.id}/shares`],
      ["DELETE", `/api/shares/${created.link.id}`],
    ] as const) {
      const response = await api(path, { method, token: other.accessToken, body: method === "POST" ? "{}" : undefined });
      expect(response.status, `${method} ${path}`).toBe(404);
      const missing = await api(path.replace(workflow.id, unknownWorkflow).replace(created.link.id, randomUUID()), {
        method,
        token: other.accessToken,
        body: method === "POST" ? "{}" : undefined,
      });
      expect(missing.status).toBe(404);
      expect((await response.json()).error.message).toBe((await missing.json()).error.message);
      expect((await api(path, { method, body: method === "POST" ? "{}" : undefined })).status).toBe(401);
    }
    expect((await (await api("/api/shares", { token: other.accessToken })).json()).items).toEqual([]);
    expect((await api("/api/shares")).status).toBe(401);
    expect((await open(created.token)).status).toBe(200); // still working: the other person revoked nothing
  });

  it("refuses bad input with a 400 in the one shape and makes nothing", async () => {
    const me = await signUp(baseUrl());
    const workflow = await createWorkflow(me, "a = 1\n");
    const bodies: unknown[] = [
      { expiresIn: "2d" },
      { expiresIn: 7 },
      { version: 0 },
      { version: "first" },
      { version: 1.5 },
      { id: randomUUID() },
      { extra: true },
    ];
    for (const body of bodies) {
      const response = await api(`/api/workflows/${workflow.id}/shares`, { method: "POST", token: me.accessToken, body: JSON.stringify(body) });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expectErrorShape(await response.json(), "BAD_REQUEST");
    }
    const notJson = await api(`/api/workflows/${workflow.id}/shares`, { method: "POST", token: me.accessToken, body: "{" });
    expect(notJson.status).toBe(400);
    for (const [method, path] of [
      ["POST", "/api/workflows/not-an-id/shares"],
      ["GET", "/api/workflows/not-an-id/shares"],
      ["DELETE", "/api/shares/not-an-id"],
      ["GET", "/api/shares?limit=0"],
      ["GET", "/api/shares?limit=201"],
    ] as const) {
      const response = await api(path, { method, token: me.accessToken, body: method === "POST" ? "{}" : undefined });
      expect(response.status, `${method} ${path}`).toBe(400);
      expectErrorShape(await response.json(), "BAD_REQUEST");
    }
    const noVersion = await api(`/api/workflows/${workflow.id}/shares`, { method: "POST", token: me.accessToken, body: JSON.stringify({ version: 99 }) });
    expect(noVersion.status).toBe(404);
    expect(await db().prisma.shareLink.count({ where: { workflowId: workflow.id } })).toBe(0);
  });

  it("bounds links: at most 20 per workflow (403), and a pinned version's code counts toward storage (413)", async () => {
    const me = await signUp(baseUrl());
    const workflow = await createWorkflow(me, "a = 1\n");
    for (let i = 0; i < 20; i++) await share(me, workflow.id);
    const refused = await api(`/api/workflows/${workflow.id}/shares`, { method: "POST", token: me.accessToken, body: "{}" });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toMatchObject({ code: "FORBIDDEN", details: { limit: 20 } });

    const big = await createWorkflow(me, `# ${"x".repeat(7_998)}\n`, "Big"); // 8,001 bytes of 20,000
    const storage = () => callerFor(db(), { id: me.userId, email: me.email }).workflow.storage();
    const before = (await storage()).usedBytes;
    await share(me, big.id); // follows the workflow: no copy, no storage
    expect((await storage()).usedBytes).toBe(before);
    await share(me, big.id, { version: 1 });
    expect((await storage()).usedBytes).toBe(before + 8_001);
    const full = await api(`/api/workflows/${big.id}/shares`, { method: "POST", token: me.accessToken, body: JSON.stringify({ version: 1 }) });
    expect(full.status).toBe(413);
    expect((await full.json()).error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", details: { limitBytes: STORAGE_LIMIT, neededBytes: 8_001 } });
    expect(await db().prisma.shareLink.count({ where: { workflowId: big.id } })).toBe(2);
  });

  it("rate-limits reads per client address: the 61st in a minute is a 429 in the one shape; other addresses read on", async () => {
    const me = await signUp(baseUrl());
    const workflow = await createWorkflow(me, "a = 1\n");
    const created = await share(me, workflow.id);
    const from = address();
    for (let i = 0; i < 60; i++) {
      const token = i % 2 === 0 ? created.token : randomBytes(32).toString("base64url"); // guesses count too
      expect((await open(token, from)).status).toBe(i % 2 === 0 ? 200 : 404);
    }
    const refused = await open(created.token, from);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get("referrer-policy")).toBe("no-referrer");
    expect(await refused.json()).toEqual({
      error: { code: "TOO_MANY_REQUESTS", message: expect.any(String), requestId: expect.any(String), details: { retryAfterSeconds: retryAfter } },
    });
    expect(await db().prisma.auditEvent.count({ where: { type: "rate_limited", clientAddress: from } })).toBe(1);
    expect((await open(created.token, address())).status).toBe(200);
  });
});

describe("share links through tRPC", () => {
  it("creates, lists, opens without an account, and revokes; owner-only; the same 404 for what opens nothing", async () => {
    const owner = await createUser(db());
    const other = await createUser(db());
    const mine = callerFor(db(), owner);
    const workflow = await mine.workflow.create({ name: "Agent", code: "graph = 1\n" });
    const created = await mine.share.create({ id: workflow.id, expiresIn: "30d", version: "latest" });
    expect((await mine.share.list({ id: workflow.id })).items).toEqual([created.link]);
    expect((await mine.share.mine()).items).toEqual([created.link]);
    const anonymous = callerFor(db(), null);
    expect(await anonymous.share.view({ token: created.token })).toMatchObject({ name: "Agent", code: "graph = 1\n", pinned: false });

    const theirs = callerFor(db(), other);
    await expectAppError(theirs.share.list({ id: workflow.id }), "NOT_FOUND");
    await expectAppError(theirs.share.create({ id: workflow.id, expiresIn: "1d", version: "latest" }), "NOT_FOUND");
    await expectAppError(theirs.share.revoke({ shareId: created.link.id }), "NOT_FOUND");
    await expectAppError(anonymous.share.mine(), "UNAUTHORIZED");
    await expectAppError(anonymous.share.create({ id: workflow.id, expiresIn: "1d", version: "latest" }), "UNAUTHORIZED");

    expect(await mine.share.revoke({ shareId: created.link.id })).toEqual({ id: created.link.id, revoked: true });
    const revoked = await expectAppError(anonymous.share.view({ token: created.token }), "NOT_FOUND");
    const wrong = await expectAppError(anonymous.share.view({ token: randomBytes(32).toString("base64url") }), "NOT_FOUND");
    expect(revoked.message).toBe(wrong.message);
    const events = await db().prisma.auditEvent.findMany({ where: { userId: owner.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((event) => event.type)).toEqual(["share_link_created", "share_link_revoked"]);
    expect(JSON.stringify(events)).not.toContain(created.token);
  });

  it("expires with the clock: open until the moment it expires, 404 from then on, listed as expired", async () => {
    const owner = await createUser(db());
    const workflow = await callerFor(db(), owner).workflow.create({ name: "Clock", code: "t = 0\n" });
    const start = new Date("2031-03-01T12:00:00.000Z");
    const scope = { db: db(), ownerId: owner.id, limitPerOwner: 1000, now: () => start };
    const created = await createShare(scope, { id: workflow.id, expiresIn: "1d", version: "latest" });
    expect(created.link.expiresAt).toBe("2031-03-02T12:00:00.000Z");
    const justBefore = new Date(start.getTime() + 86_400_000 - 1);
    const atExpiry = new Date(start.getTime() + 86_400_000);
    expect(await readShared(db(), created.token, justBefore)).toMatchObject({ name: "Clock" });
    await expect(readShared(db(), created.token, atExpiry)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(readShared(db(), randomBytes(32).toString("base64url"), justBefore)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await listShares({ ...scope, now: () => justBefore }, workflow.id)).items[0]).toMatchObject({ expired: false });
    expect((await listShares({ ...scope, now: () => atExpiry }, workflow.id)).items[0]).toMatchObject({ expired: true });

    const never = await createShare(scope, { id: workflow.id, expiresIn: "never", version: "latest" });
    expect(await readShared(db(), never.token, new Date("2131-01-01T00:00:00Z"))).toMatchObject({ expiresAt: null });
  });
});
