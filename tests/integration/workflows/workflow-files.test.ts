/** Workflows as .py files over real HTTP and tRPC: download byte for byte, import with a result per file. */
import { parse as parseContentDisposition } from "content-disposition";
import { describe, expect, it } from "vitest";
import { MAX_CODE_BYTES } from "../../../src/lib/validation/workflow";
import { MAX_IMPORT_BODY_BYTES } from "../../../src/lib/workflow-files";
import { signUp, type ApiSession } from "../../helpers/api-session";
import { callerFor, createUser, expectAppError } from "../../helpers/callers";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";

const db = setupTestDatabase();
const baseUrl = setupTestServer();

function api(path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  return fetch(`${baseUrl()}${path}`, { ...init, headers });
}

async function create(session: ApiSession, name: string, code: string) {
  const response = await api("/api/workflows", {
    method: "POST",
    token: session.accessToken,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, code }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string };
}

function form(files: Array<[string, Uint8Array | string]>): FormData {
  const data = new FormData();
  for (const [name, content] of files) data.append("files", new Blob([content as BlobPart]), name);
  return data;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const BOM_CRLF = "\ufeff# ünïcödé ✓ 🚀\r\nimport os\r\n\tx = 1\r\n";

describe("download", () => {
  it("answers the code byte for byte, named after the workflow, safely", async () => {
    const me = await signUp(baseUrl());
    const saved = await create(me, 'Daily "report" / ünï: v2', BOM_CRLF);
    const response = await api(`/api/workflows/${saved.id}/download`, { token: me.accessToken });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/x-python; charset=utf-8");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes).equals(Buffer.from(BOM_CRLF, "utf8"))).toBe(true);
    expect(bytes.slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    const disposition = parseContentDisposition(response.headers.get("content-disposition")!);
    expect(disposition.type).toBe("attachment");
    expect(disposition.parameters.filename).toBe("Daily _report_ _ ünï_ v2.py");
    expect(response.headers.get("content-disposition")).toContain('filename="Daily _report_ _ uni_ v2.py"');
  });

  it("answers another person's, a trashed or a missing workflow with 404, and nobody with 401", async () => {
    const owner = await signUp(baseUrl());
    const other = await signUp(baseUrl());
    const saved = await create(owner, "secret", "x = 1\n");
    const theirs = await api(`/api/workflows/${saved.id}/download`, { token: other.accessToken });
    expect(theirs.status).toBe(404);
    expect((await theirs.json()).error).toMatchObject({ code: "NOT_FOUND" });
    expect((await api(`/api/workflows/${saved.id}/download`)).status).toBe(401);
    expect((await api(`/api/workflows/${saved.id}`, { method: "DELETE", token: owner.accessToken })).status).toBe(204);
    expect((await api(`/api/workflows/${saved.id}/download`, { token: owner.accessToken })).status).toBe(404);
  });
});

describe("import", () => {
  it("imports each good file as a new workflow named after it, and refuses the others one by one", async () => {
    const me = await signUp(baseUrl());
    const response = await api("/api/workflows/import", {
      method: "POST",
      token: me.accessToken,
      body: form([
        ["daily_report.py", utf8(BOM_CRLF)],
        ["nested/dir/Etl Job.PY", utf8("print('etl')\n")],
        ["huge.py", utf8("#".repeat(MAX_CODE_BYTES + 1))],
        ["latin1.py", new Uint8Array([0x23, 0x20, 0xe9, 0x0a])],
        ["nul.py", utf8("a = 1\u0000\n")],
        ["notes.txt", utf8("hello")],
      ]),
    });
    expect(response.status).toBe(200);
    const summary = await response.json();
    expect(summary).toMatchObject({ imported: 2, refused: 4 });
    expect(summary.results.map((r: { filename: string; ok: boolean }) => [r.filename, r.ok])).toEqual([
      ["daily_report.py", true],
      ["nested/dir/Etl Job.PY", true],
      ["huge.py", false],
      ["latin1.py", false],
      ["nul.py", false],
      ["notes.txt", false],
    ]);
    expect(summary.results[2].error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: expect.stringMatching(/^Too large/) });
    expect(summary.results[3].error.message).toBe("Not UTF-8 text.");
    expect(summary.results[4].error.message).toMatch(/NUL/);
    expect(summary.results[5].error.message).toMatch(/\.py/);

    const names = summary.results.filter((r: { ok: boolean }) => r.ok).map((r: { workflow: { name: string } }) => r.workflow.name);
    expect(names).toEqual(["daily_report", "Etl Job"]);
    const first = summary.results[0].workflow.id as string;
    const download = await api(`/api/workflows/${first}/download`, { token: me.accessToken });
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(BOM_CRLF, "utf8"))).toBe(true);
    const list = await (await api("/api/workflows", { token: me.accessToken })).json();
    expect(list.items).toHaveLength(2);
  });

  it("refuses a request that is not a multipart upload of files, or too large, or from nobody, and imports nothing", async () => {
    const me = await signUp(baseUrl());
    const json = await api("/api/workflows/import", {
      method: "POST",
      token: me.accessToken,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ files: [] }),
    });
    expect(json.status).toBe(415);
    expect((await json.json()).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");

    const empty = new FormData();
    empty.append("note", "no files here");
    const none = await api("/api/workflows/import", { method: "POST", token: me.accessToken, body: empty });
    expect(none.status).toBe(400);

    const tooMany = await api("/api/workflows/import", {
      method: "POST",
      token: me.accessToken,
      body: form(Array.from({ length: 21 }, (_, i) => [`f${i}.py`, utf8("x = 1\n")] as [string, Uint8Array])),
    });
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).error.code).toBe("BAD_REQUEST");

    const big = await api("/api/workflows/import", {
      method: "POST",
      token: me.accessToken,
      body: form([["big.py", new Uint8Array(MAX_IMPORT_BODY_BYTES + 1).fill(0x23)]]),
    });
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe("PAYLOAD_TOO_LARGE");

    const nobody = await api("/api/workflows/import", { method: "POST", body: form([["a.py", utf8("x")]]) });
    expect(nobody.status).toBe(401);
    expect((await (await api("/api/workflows", { token: me.accessToken })).json()).items).toEqual([]);
  });

  it("refuses files past the person's limits on their own", async () => {
    const me = await signUp(baseUrl());
    const user = { id: me.userId, email: me.email };
    // Fill the storage up to 1 KiB short of the default limit with kept versions (cheaper than saving 50 MB).
    const saved = await create(me, "filler", "x");
    await db().prisma.workflowVersion.create({
      data: { workflowId: saved.id, ownerId: me.userId, version: 0, name: "filler", code: "", codeBytes: 50 * 1024 * 1024 - 1024, codeLines: 0, dialect: "generic", nodeCount: 0, edgeCount: 0, savedAt: new Date() },
    });
    const result = await callerFor(db(), user).workflow.importFiles({
      files: [
        { filename: "small.py", base64: Buffer.from("a = 1\n").toString("base64") },
        { filename: "bigger.py", base64: Buffer.from("#".repeat(2048)).toString("base64") },
      ],
    });
    expect(result.results.map((r) => [r.filename, r.ok])).toEqual([["small.py", true], ["bigger.py", false]]);
    expect(result.results[1]).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
  });
});

describe("through tRPC", () => {
  it("exports a file and imports base64 files with the same checks", async () => {
    const user = await createUser(db());
    const trpc = callerFor(db(), user);
    const imported = await trpc.workflow.importFiles({ files: [{ filename: "flow.py", base64: Buffer.from(BOM_CRLF).toString("base64") }] });
    expect(imported).toMatchObject({ imported: 1, refused: 0 });
    const id = (imported.results[0] as { workflow: { id: string } }).workflow.id;
    expect(await trpc.workflow.exportFile({ id })).toEqual({ id, version: 1, filename: "flow.py", code: BOM_CRLF });
    const other = callerFor(db(), await createUser(db()));
    await expectAppError(other.workflow.exportFile({ id }), "NOT_FOUND");
    await expectAppError(trpc.workflow.importFiles({ files: [] }), "BAD_REQUEST");
    await expectAppError(trpc.workflow.importFiles({ files: [{ filename: "x.py", base64: "***" }] }), "BAD_REQUEST");
  });
});
