/**
 * All workflows as a .zip and back (docs/decisions/088, 089), over real HTTP: the export streamed with each workflow's
 * code byte for byte and workflows.json; the import into another account giving the same names, code and tags; the
 * same archive twice creating nothing new; archives refused whole (a bomb, too many entries, not a zip) and entries
 * refused on their own (path traversal, absolute paths, non-UTF-8 names and text, a lying size); owner-only.
 */
import { parse as parseContentDisposition } from "content-disposition";
import { describe, expect, it } from "vitest";
import { MAX_ZIP_ENTRIES } from "../../../src/lib/workflow-files";
import { signUp, type ApiSession } from "../../helpers/api-session";
import { callerFor, createUser } from "../../helpers/callers";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";
import { unzipAll } from "../../helpers/unzip";
import { rawZip } from "../../helpers/zip-bytes";

const db = setupTestDatabase();
const baseUrl = setupTestServer();

const BOM_CRLF = "\ufeff# ünïcödé ✓\r\nimport os\r\n\tx = 1\r\n";

function api(session: ApiSession | null, path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (session) headers.set("authorization", `Bearer ${session.accessToken}`);
  return fetch(`${baseUrl()}${path}`, { ...init, headers });
}

async function create(session: ApiSession, name: string, code: string, tags: string[] = []): Promise<string> {
  const response = await api(session, "/api/workflows", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, code }),
  });
  expect(response.status).toBe(201);
  const { id } = (await response.json()) as { id: string };
  if (tags.length) {
    const put = await api(session, `/api/workflows/${id}/tags`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ tags }) });
    expect(put.status).toBe(200);
  }
  return id;
}

async function exportZip(session: ApiSession): Promise<{ response: Response; bytes: Uint8Array }> {
  const response = await api(session, "/api/workflows/export.zip");
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

type Summary = {
  imported: number;
  skipped: number;
  refused: number;
  results: Array<{ filename: string; ok: boolean; existing?: true; workflow?: { id: string; name: string }; error?: { code: string; message: string } }>;
};

async function importZip(session: ApiSession, bytes: Uint8Array, filename = "workflows.zip"): Promise<{ status: number; body: Summary & { error?: { code: string; message: string } } }> {
  const form = new FormData();
  form.append("files", new Blob([bytes as BlobPart], { type: "application/zip" }), filename);
  const response = await api(session, "/api/workflows/import", { method: "POST", body: form });
  return { status: response.status, body: await response.json() };
}

async function listAll(session: ApiSession) {
  const response = await api(session, "/api/workflows?limit=100&sort=name");
  return ((await response.json()) as { items: { id: string; name: string; tags: string[] }[] }).items;
}

async function codeOf(session: ApiSession, id: string): Promise<Buffer> {
  return Buffer.from(await (await api(session, `/api/workflows/${id}/download`)).arrayBuffer());
}

describe("export all as a .zip", () => {
  it("streams each live workflow as <name>.py byte for byte, unique names, and workflows.json; only the owner's", async () => {
    const me = await signUp(baseUrl());
    const other = await signUp(baseUrl());
    const first = await create(me, 'Daily "report": v2', BOM_CRLF, ["Reports", "daily"]);
    await create(me, "Same", "a = 1\n");
    await create(me, "same", "b = 2\n", ["etl"]);
    const edited = await create(me, "Edited", "v = 1\n");
    const put = await api(me, `/api/workflows/${edited}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ code: "v = 2\n", expectedVersion: 1 }) });
    expect(put.status).toBe(200);
    const trashed = await create(me, "Trashed", "gone = True\n");
    expect((await api(me, `/api/workflows/${trashed}`, { method: "DELETE" })).status).toBe(204);
    await create(other, "Not mine", "secret = 1\n");

    const { response, bytes } = await exportZip(me);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-length")).toBeNull(); // streamed (chunked), not built first
    expect(parseContentDisposition(response.headers.get("content-disposition")!).parameters.filename).toMatch(/^workflows-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = await unzipAll(bytes);
    expect([...files.keys()]).toEqual(['Daily _report_ v2.py', "Same.py", "same (2).py", "Edited.py", "workflows.json"]);
    expect(files.get('Daily _report_ v2.py')!.equals(Buffer.from(BOM_CRLF, "utf8"))).toBe(true);
    expect(files.get("Edited.py")!.toString()).toBe("v = 2\n");

    const manifest = JSON.parse(files.get("workflows.json")!.toString("utf8"));
    expect(manifest).toMatchObject({ format: "workflow-studio-export", version: 1, exportedAt: expect.any(String) });
    expect(manifest.workflows).toHaveLength(4);
    expect(manifest.workflows[0]).toMatchObject({
      file: 'Daily _report_ v2.py',
      name: 'Daily "report": v2',
      tags: ["reports", "daily"],
      dialect: "generic",
      versions: 1,
    });
    expect(manifest.workflows.find((w: { name: string }) => w.name === "Edited").versions).toBe(2);
    expect(manifest.workflows.find((w: { name: string }) => w.name === "same")).toMatchObject({ file: "same (2).py", tags: ["etl"] });
    const detail = (await (await api(me, `/api/workflows/${first}`)).json()) as { createdAt: string; updatedAt: string };
    expect(manifest.workflows[0]).toMatchObject({ createdAt: detail.createdAt, updatedAt: detail.updatedAt });

    // The other person's export holds only theirs; nobody gets 401 in the one shape.
    const theirs = await unzipAll((await exportZip(other)).bytes);
    expect([...theirs.keys()]).toEqual(["Not mine.py", "workflows.json"]);
    const nobody = await api(null, "/api/workflows/export.zip");
    expect(nobody.status).toBe(401);
    expect(((await nobody.json()) as { error: { code: string } }).error.code).toBe("UNAUTHORIZED");
  });

  it("exports an empty archive with an empty manifest for a person with no workflows", async () => {
    const me = await signUp(baseUrl());
    const files = await unzipAll((await exportZip(me)).bytes);
    expect([...files.keys()]).toEqual(["workflows.json"]);
    expect(JSON.parse(files.get("workflows.json")!.toString()).workflows).toEqual([]);
  });
});

describe("import a .zip", () => {
  it("round-trips into another account with the same names, code and tags, and a second import creates nothing", async () => {
    const from = await signUp(baseUrl());
    await create(from, 'Daily "report": v2', BOM_CRLF, ["reports", "daily"]);
    await create(from, "Same", "a = 1\n");
    await create(from, "same", "b = 2\n", ["etl"]);
    const archive = (await exportZip(from)).bytes;

    const to = await signUp(baseUrl());
    const first = await importZip(to, archive);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ imported: 3, skipped: 0, refused: 0 });
    expect(first.body.results.map((r) => r.filename)).toEqual([
      'workflows.zip/Daily _report_ v2.py',
      "workflows.zip/Same.py",
      "workflows.zip/same (2).py",
    ]);
    const mine = await listAll(from);
    const theirs = await listAll(to);
    const shape = (items: { name: string; tags: string[] }[]) => items.map(({ name, tags }) => ({ name, tags }));
    expect(shape(theirs)).toEqual(shape(mine));
    for (const item of theirs) {
      const original = mine.find((m) => m.name === item.name)!;
      expect((await codeOf(to, item.id)).equals(await codeOf(from, original.id)), item.name).toBe(true);
    }

    const again = await importZip(to, archive);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ imported: 0, skipped: 3, refused: 0 });
    expect(again.body.results.every((r) => r.ok && r.existing === true)).toBe(true);
    expect(await listAll(to)).toHaveLength(3);

    // Its own export back into the same account: already there, too.
    expect((await importZip(from, archive)).body).toMatchObject({ imported: 0, skipped: 3 });
  });

  it("creates each workflow once when the same archive is imported twice at the same time", async () => {
    const from = await signUp(baseUrl());
    await create(from, "one", "x = 1\n");
    await create(from, "two", "x = 2\n");
    const archive = (await exportZip(from)).bytes;
    const to = await signUp(baseUrl());
    const [a, b] = await Promise.all([importZip(to, archive), importZip(to, archive)]);
    expect(a.body.imported + b.body.imported).toBe(2);
    expect(a.body.skipped + b.body.skipped).toBe(2);
    expect((await listAll(to)).map((w) => w.name)).toEqual(["one", "two"]);
  });

  it("imports a zip without a manifest by file names; a changed name or code is a new workflow", async () => {
    const me = await signUp(baseUrl());
    const zip = rawZip([
      { name: "jobs/", data: new Uint8Array() },
      { name: "jobs/load.py", data: Buffer.from("load()\n"), deflate: true },
      { name: "__MACOSX/jobs/._load.py", data: Buffer.from([0x00, 0x05, 0x16, 0x07, 0xff]) },
    ]);
    expect((await importZip(me, zip, "jobs.zip")).body).toMatchObject({ imported: 1, skipped: 0, refused: 0, results: [{ filename: "jobs.zip/jobs/load.py", ok: true, workflow: { name: "load" } }] });
    const changed = rawZip([
      { name: "load.py", data: Buffer.from("load()\n") },
      { name: "load.py", data: Buffer.from("load(2)\n") },
      { name: "other.py", data: Buffer.from("load()\n") },
    ]);
    expect((await importZip(me, changed)).body).toMatchObject({ imported: 2, skipped: 1 });
    expect((await listAll(me)).map((w) => w.name)).toEqual(["load", "load", "other"]);
  });

  it("refuses unsafe, non-UTF-8, lying or unsupported entries one by one and imports the rest", async () => {
    const me = await signUp(baseUrl());
    const zeros = new Uint8Array(1024 * 1024);
    const zip = rawZip([
      { name: "../escape.py", data: Buffer.from("x = 1\n") },
      { name: "/etc/absolute.py", data: Buffer.from("x = 2\n") },
      { name: "dir\\back.py", data: Buffer.from("x = 3\n") },
      { name: new Uint8Array([0x62, 0xff, 0xfe, 0x2e, 0x70, 0x79]), utf8: true, data: Buffer.from("x = 4\n") },
      { name: "latin1.py", data: new Uint8Array([0x23, 0x20, 0xe9, 0x0a]) },
      { name: "nul.py", data: Buffer.from("a = 1\u0000\n") },
      { name: "liar.py", data: zeros, deflate: true, declaredSize: 100 },
      { name: "huge.py", data: new Uint8Array(600 * 1024).fill(0x23), deflate: true },
      { name: "notes.txt", data: Buffer.from("hello") },
      { name: "ok.py", data: Buffer.from("print('ok')\n") },
    ]);
    const { status, body } = await importZip(me, zip, "mixed.zip");
    expect(status).toBe(200);
    expect(body).toMatchObject({ imported: 1, skipped: 0, refused: 9 });
    const outcome = Object.fromEntries(body.results.map((r) => [r.filename.replace("mixed.zip/", ""), r.ok ? "ok" : r.error!.message]));
    expect(outcome["../escape.py"]).toMatch(/Unsafe path/);
    expect(outcome["/etc/absolute.py"]).toMatch(/Unsafe path/);
    expect(outcome["dir\\back.py"]).toMatch(/Unsafe path/);
    expect(Object.values(outcome)).toContain("The file name is not valid UTF-8.");
    expect(outcome["latin1.py"]).toBe("Not UTF-8 text.");
    expect(outcome["nul.py"]).toMatch(/NUL/);
    expect(outcome["liar.py"]).toMatch(/damaged|more than it declares/);
    expect(outcome["huge.py"]).toMatch(/^Too large/);
    expect(outcome["notes.txt"]).toMatch(/\.py/);
    expect(outcome["ok.py"]).toBe("ok");
    expect((await listAll(me)).map((w) => w.name)).toEqual(["ok"]);
  });

  it("refuses a zip bomb, too many entries or a file that is not a zip whole, in the one error shape, importing nothing", async () => {
    const me = await signUp(baseUrl());
    const good = { name: "good.py", data: Buffer.from("x = 1\n") };
    const mib = new Uint8Array(1024 * 1024);
    // 70 honest entries of 1 MiB of zeros: ~70 KiB of archive that would inflate to 70 MiB.
    const bomb = rawZip([good, ...Array.from({ length: 70 }, (_, i) => ({ name: `zeros${i}.py`, data: mib, deflate: true }))]);
    expect(bomb.byteLength).toBeLessThan(200 * 1024);
    // One entry whose directory record claims 2 GiB.
    const claims = rawZip([good, { name: "big.py", data: Buffer.from("y = 2\n"), deflate: true, declaredSize: 2 ** 31 }]);
    const many = rawZip([good, ...Array.from({ length: MAX_ZIP_ENTRIES }, (_, i) => ({ name: `f${i}.py`, data: Buffer.from("") }))]);
    const cases: Array<[string, Uint8Array, number, RegExp]> = [
      ["bomb.zip", bomb, 413, /would inflate to 71 MiB; at most 64 MiB/],
      ["claims.zip", claims, 413, /inflate to/],
      ["many.zip", many, 413, /entries/],
      ["fake.zip", Buffer.from("PK\u0003\u0004 not really a zip"), 400, /damaged or not a \.zip/],
    ];
    for (const [filename, bytes, status, message] of cases) {
      const form = new FormData();
      form.append("files", new Blob([Buffer.from("first = 1\n")]), "first.py");
      form.append("files", new Blob([bytes as BlobPart]), filename);
      const response = await api(me, "/api/workflows/import", { method: "POST", body: form });
      expect(response.status, filename).toBe(status);
      const body = (await response.json()) as { error: { code: string; message: string; requestId: string } };
      expect(body.error.code, filename).toBe(status === 413 ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST");
      expect(body.error.message, filename).toMatch(message);
      expect(body.error.requestId).toEqual(expect.any(String));
    }
    // Not even the .py sent beside the archives was imported.
    expect(await listAll(me)).toEqual([]);
    expect((await api(null, "/api/workflows/import", { method: "POST", body: new FormData() })).status).toBe(401);
  });

  it("takes a .zip through tRPC's importFiles as well", async () => {
    const user = await createUser(db());
    const trpc = callerFor(db(), user);
    const zip = rawZip([{ name: "flow.py", data: Buffer.from(BOM_CRLF) }]);
    const result = await trpc.workflow.importFiles({ files: [{ filename: "a.zip", base64: Buffer.from(zip).toString("base64") }] });
    expect(result).toMatchObject({ imported: 1, skipped: 0, refused: 0 });
    const id = (result.results[0] as { workflow: { id: string } }).workflow.id;
    expect((await trpc.workflow.get({ id })).code).toBe(BOM_CRLF);
    expect(await trpc.workflow.importFiles({ files: [{ filename: "a.zip", base64: Buffer.from(zip).toString("base64") }] })).toMatchObject({ imported: 0, skipped: 1 });
  });
});
