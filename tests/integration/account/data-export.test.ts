/**
 * "Download my data" over real HTTP (docs/decisions/104): the archive parsed with yauzl and every file checked —
 * the profile, each workflow's current code byte for byte (the trash's apart), every version with its code, tags and
 * trash state, the audit events about the person — nothing of another account in it, the limit, and refusals.
 */
import { parse as parseContentDisposition } from "content-disposition";
import { beforeEach, describe, expect, it } from "vitest";
import { accountFile, auditEventsFile, workflowsFile } from "../../../src/lib/validation/account-output";
import { bearer, signUp, type ApiSession } from "../../helpers/api-session";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";
import { unzipAll } from "../../helpers/unzip";

const db = setupTestDatabase();
const baseUrl = setupTestServer();

beforeEach(async () => {
  await db().prisma.rateLimit.deleteMany();
});

const BOM_CRLF = "\ufeff# ünïcödé ✓\r\nimport os\r\n";

function call(session: ApiSession | null, method: string, path: string, body?: unknown) {
  return fetch(`${baseUrl()}${path}`, {
    method,
    headers: { ...(session ? bearer(session.accessToken) : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

async function create(session: ApiSession, name: string, code: string): Promise<string> {
  const created = await call(session, "POST", "/api/workflows", { name, code });
  expect(created.status).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

async function exportOf(session: ApiSession) {
  const response = await call(session, "GET", "/api/me/export.zip");
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/zip");
  const filename = parseContentDisposition(response.headers.get("content-disposition")!).parameters.filename;
  return { filename, bytes: new Uint8Array(await response.arrayBuffer()) };
}

describe("GET /api/me/export.zip", () => {
  it("holds the profile, every workflow with all its versions, tags and trash state, the .py files and the audit events", async () => {
    const me = await signUp(baseUrl());
    const other = await signUp(baseUrl());
    const etl = await create(me, "Nightly ETL", "print('v1')\n");
    expect((await call(me, "PUT", `/api/workflows/${etl}`, { code: "print('v2')\n", expectedVersion: 1 })).status).toBe(200);
    expect((await call(me, "PUT", `/api/workflows/${etl}`, { code: "print('v3')\n", expectedVersion: 2 })).status).toBe(200);
    expect((await call(me, "PUT", `/api/workflows/${etl}/tags`, { tags: ["etl", "nightly"] })).status).toBe(200);
    const bom = await create(me, "Ünïcode", BOM_CRLF);
    const trashed = await create(me, "Old one", "print('gone')\n");
    expect((await call(me, "DELETE", `/api/workflows/${trashed}`)).status).toBe(204);
    await create(other, "Their secret plan", "print('other person code 42')\n");

    const { filename, bytes } = await exportOf(me);
    expect(filename).toMatch(/^my-data-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = await unzipAll(bytes);
    expect([...files.keys()].sort()).toEqual(
      ["account.json", "audit-events.json", "trash/Old one.py", "workflows.json", "workflows/Nightly ETL.py", "workflows/Ünïcode.py"].sort(),
    );
    expect(files.get("workflows/Nightly ETL.py")!.toString("utf8")).toBe("print('v3')\n");
    expect(files.get("workflows/Ünïcode.py")!.equals(Buffer.from(BOM_CRLF, "utf8"))).toBe(true);
    expect(files.get("trash/Old one.py")!.toString("utf8")).toBe("print('gone')\n");

    const account = accountFile.parse(JSON.parse(files.get("account.json")!.toString("utf8")));
    expect(account.account).toMatchObject({ id: me.userId, email: me.email });
    const { emailVerifiedAt } = await db().prisma.user.findUniqueOrThrow({ where: { id: me.userId }, select: { emailVerifiedAt: true } });
    expect(account.account.emailVerifiedAt).toBe(emailVerifiedAt!.toISOString());

    const workflows = workflowsFile.parse(JSON.parse(files.get("workflows.json")!.toString("utf8")));
    expect(workflows.workflows.map((w) => w.id).sort()).toEqual([etl, bom, trashed].sort());
    const first = workflows.workflows.find((w) => w.id === etl)!;
    expect(first).toMatchObject({ name: "Nightly ETL", file: "workflows/Nightly ETL.py", tags: ["etl", "nightly"], version: 3, inTrash: false, deletedAt: null, code: "print('v3')\n" });
    expect(first.history.map((v) => [v.version, v.code])).toEqual([[2, "print('v2')\n"], [1, "print('v1')\n"]]);
    const old = workflows.workflows.find((w) => w.id === trashed)!;
    expect(old).toMatchObject({ inTrash: true, file: "trash/Old one.py", history: [] });
    expect(old.deletedAt).toBeTruthy();

    const audit = auditEventsFile.parse(JSON.parse(files.get("audit-events.json")!.toString("utf8")));
    expect(audit.events.map((e) => e.type)).toEqual(expect.arrayContaining(["register", "login_success", "data_export"]));

    // Nothing of the other account anywhere in the archive.
    const all = [...files.values()].map((b) => b.toString("utf8")).join("\n");
    for (const theirs of [other.userId, other.email, "Their secret plan", "other person code 42"]) expect(all).not.toContain(theirs);
    // Nor any secret: no password hash, no token.
    expect(all).not.toMatch(/\$argon2id?\$|password_hash|passwordHash|tokenHash/);
  });

  it("an account with nothing saved still gets a readable archive", async () => {
    const me = await signUp(baseUrl());
    const files = await unzipAll((await exportOf(me)).bytes);
    expect(workflowsFile.parse(JSON.parse(files.get("workflows.json")!.toString("utf8"))).workflows).toEqual([]);
    expect([...files.keys()].filter((name) => name.endsWith(".py"))).toEqual([]);
  });

  it("refuses without a session; five exports an hour, then a 429 in the one shape", async () => {
    const anonymous = await call(null, "GET", "/api/me/export.zip");
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe("UNAUTHORIZED");
    const me = await signUp(baseUrl());
    for (let i = 0; i < 5; i++) await exportOf(me);
    const limited = await call(me, "GET", "/api/me/export.zip");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("content-type")).toMatch(/application\/json/);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("TOO_MANY_REQUESTS");
    // Another person's limit is their own.
    const other = await signUp(baseUrl());
    await exportOf(other);
  });

  it("is described in the OpenAPI document with the account deletion", async () => {
    const doc = (await (await fetch(`${baseUrl()}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(Object.keys(doc.paths["/api/me/export.zip"]!.get!.responses).sort()).toEqual(["200", "401", "429", "503"]);
    expect(Object.keys(doc.paths["/api/me"]!.delete!.responses).sort()).toEqual(["204", "400", "401", "429", "503"]);
  });
});
