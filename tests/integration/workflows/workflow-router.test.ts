import { describe, expect, it } from "vitest";
import { MAX_CODE_BYTES } from "../../../src/lib/validation/workflow";
import { callerFor, createUser, expectAppError } from "../../helpers/callers";
import { setupTestDatabase } from "../../helpers/db";

const db = setupTestDatabase();

const LANGGRAPH = `from langgraph.graph import StateGraph, START, END
g = StateGraph(dict)
g.add_node("a", lambda s: s)
g.add_node("b", lambda s: s)
g.add_edge(START, "a")
g.add_edge("a", "b")
g.add_edge("b", END)
`;

async function signedIn() {
  const user = await createUser(db());
  return { user, api: callerFor(db(), user) };
}

describe("workflow.save", () => {
  it("creates at version 1 and loads back with its code and graph summary", async () => {
    const { api } = await signedIn();
    const saved = await api.workflow.save({ name: "  Research agent  ", code: LANGGRAPH });
    expect(saved).toMatchObject({ name: "Research agent", version: 1, code: LANGGRAPH });
    expect(saved.graph).toEqual({ dialect: "langgraph", nodes: 4, edges: 3 });
    expect(saved.size).toEqual({ bytes: Buffer.byteLength(LANGGRAPH), lines: 7 });
    expect(await api.workflow.get({ id: saved.id })).toEqual(saved);
  });

  it("updates only at the version read, and increments it", async () => {
    const { api } = await signedIn();
    const saved = await api.workflow.save({ name: "flow", code: "print(1)\n" });
    const updated = await api.workflow.save({ id: saved.id, name: "flow", code: "print(2)\n", expectedVersion: 1 });
    expect(updated.version).toBe(2);
    const conflict = await expectAppError(
      api.workflow.save({ id: saved.id, name: "flow", code: "print(3)\n", expectedVersion: 1 }),
      "CONFLICT",
    );
    expect(conflict.extra.details).toEqual({ currentVersion: 2, updatedAt: updated.updatedAt });
    expect((await api.workflow.get({ id: saved.id })).code).toBe("print(2)\n");
  });

  it("requires the version read when updating", async () => {
    const { api } = await signedIn();
    const saved = await api.workflow.save({ name: "flow", code: "" });
    const error = await expectAppError(api.workflow.save({ id: saved.id, name: "flow", code: "x" }), "BAD_REQUEST");
    expect(Object.keys(error.extra.fields ?? {})).toContain("expectedVersion");
  });

  it("lets exactly one of 20 concurrent updates at the same version win", async () => {
    const { api } = await signedIn();
    const saved = await api.workflow.save({ name: "race", code: "start" });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        api.workflow.save({ id: saved.id, name: "race", code: `writer ${i}`, expectedVersion: saved.version }),
      ),
    );
    const winners = results.filter((r) => r.status === "fulfilled");
    expect(winners).toHaveLength(1);
    for (const loser of results.filter((r) => r.status === "rejected")) {
      await expectAppError(Promise.reject((loser as PromiseRejectedResult).reason), "CONFLICT");
    }
    const stored = await api.workflow.get({ id: saved.id });
    expect(stored.version).toBe(2);
    expect(stored.code).toBe((winners[0] as PromiseFulfilledResult<{ code: string }>).value.code);
  });
});

describe("validation", () => {
  it("trims names, and refuses empty, over-long and control-character names", async () => {
    const { api } = await signedIn();
    await expectAppError(api.workflow.save({ name: "   ", code: "" }), "BAD_REQUEST");
    await expectAppError(api.workflow.save({ name: "x".repeat(101), code: "" }), "BAD_REQUEST");
    await expectAppError(api.workflow.save({ name: "bell\u0007", code: "" }), "BAD_REQUEST");
    await expectAppError(api.workflow.save({ name: "nul\u0000", code: "" }), "BAD_REQUEST");
    expect((await api.workflow.save({ name: "x".repeat(100), code: "" })).name).toHaveLength(100);
    expect(await db().prisma.workflow.count()).toBeGreaterThanOrEqual(1);
  });

  it("takes 512 KiB of code and answers PAYLOAD_TOO_LARGE above it, storing nothing", async () => {
    const { user, api } = await signedIn();
    const exact = "é".repeat(MAX_CODE_BYTES / 2);
    const saved = await api.workflow.save({ name: "big", code: exact });
    expect(saved.size.bytes).toBe(MAX_CODE_BYTES);
    await expectAppError(api.workflow.save({ name: "bigger", code: `${exact}x` }), "PAYLOAD_TOO_LARGE");
    expect(await db().prisma.workflow.count({ where: { ownerId: user.id } })).toBe(1);
  });

  it("rejects unknown fields and malformed ids before the database", async () => {
    const { api } = await signedIn();
    await expectAppError(api.workflow.save({ name: "a", code: "", ownerId: "x" } as never), "BAD_REQUEST");
    await expectAppError(api.workflow.get({ id: "1 OR 1=1" }), "BAD_REQUEST");
    await expectAppError(api.workflow.list({ limit: 0 }), "BAD_REQUEST");
    await expectAppError(api.workflow.list({ limit: 101 }), "BAD_REQUEST");
    await expectAppError(api.workflow.list({ cursor: "bm90LWEtY3Vyc29y" }), "BAD_REQUEST");
  });

  it("round-trips every kind of text byte for byte", async () => {
    const { api } = await signedIn();
    const code = "\ufeffdef f():\r\n\treturn '😀 你好 مرحبا \u200d\u0301 \u2028 \udbff\udfff'\r\n\u0001\u007f\u0085\n\n";
    const saved = await api.workflow.save({ name: "unicode ✓", code });
    expect((await api.workflow.get({ id: saved.id })).code).toBe(code);
  });

  it("refuses what text cannot store: NUL and lone surrogates", async () => {
    const { api } = await signedIn();
    await expectAppError(api.workflow.save({ name: "nul", code: "a\u0000b" }), "BAD_REQUEST");
    await expectAppError(api.workflow.save({ name: "half", code: "a\ud800b" }), "BAD_REQUEST");
  });
});

describe("ownership", () => {
  it("answers another person's workflow exactly as a missing one, and changes nothing", async () => {
    const owner = await signedIn();
    const other = await signedIn();
    const saved = await owner.api.workflow.save({ name: "mine", code: "secret()" });
    const missing = "00000000-0000-7000-8000-000000000000";
    for (const id of [saved.id, missing]) {
      const errors = await Promise.all([
        expectAppError(other.api.workflow.get({ id }), "NOT_FOUND"),
        expectAppError(other.api.workflow.graph({ id }), "NOT_FOUND"),
        expectAppError(other.api.workflow.save({ id, name: "x", code: "", expectedVersion: 1 }), "NOT_FOUND"),
        expectAppError(other.api.workflow.rename({ id, name: "x" }), "NOT_FOUND"),
        expectAppError(other.api.workflow.duplicate({ id }), "NOT_FOUND"),
        expectAppError(other.api.workflow.delete({ id }), "NOT_FOUND"),
      ]);
      expect(new Set(errors.map((e) => e.message))).toEqual(new Set(["No such workflow."]));
    }
    expect((await other.api.workflow.list({})).items).toEqual([]);
    expect(await owner.api.workflow.get({ id: saved.id })).toEqual(saved);
  });

  it("answers nobody with UNAUTHORIZED on every procedure", async () => {
    const anonymous = callerFor(db(), null);
    const id = "00000000-0000-7000-8000-000000000000";
    await expectAppError(anonymous.workflow.list({}), "UNAUTHORIZED");
    await expectAppError(anonymous.workflow.get({ id }), "UNAUTHORIZED");
    await expectAppError(anonymous.workflow.save({ name: "a", code: "" }), "UNAUTHORIZED");
    await expectAppError(anonymous.workflow.delete({ id }), "UNAUTHORIZED");
  });

  it("goes with the account that is deleted", async () => {
    const { user, api } = await signedIn();
    await api.workflow.save({ name: "a", code: "" });
    await db().prisma.user.delete({ where: { id: user.id } });
    expect(await db().prisma.workflow.count({ where: { ownerId: user.id } })).toBe(0);
  });
});

describe("rename, duplicate, delete", () => {
  it("renames (a new version), duplicates (a new workflow) and deletes", async () => {
    const { api } = await signedIn();
    const saved = await api.workflow.save({ name: "first", code: LANGGRAPH });
    const renamed = await api.workflow.rename({ id: saved.id, name: " second " });
    expect(renamed).toMatchObject({ name: "second", version: 2, code: LANGGRAPH });
    await expectAppError(api.workflow.rename({ id: saved.id, name: "third", expectedVersion: 1 }), "CONFLICT");
    const copy = await api.workflow.duplicate({ id: saved.id });
    expect(copy).toMatchObject({ name: "Copy of second", version: 1, code: LANGGRAPH });
    expect(copy.id).not.toBe(saved.id);
    await api.workflow.delete({ id: saved.id });
    await expectAppError(api.workflow.get({ id: saved.id }), "NOT_FOUND");
    expect((await api.workflow.list({})).items.map((i) => i.id)).toEqual([copy.id]);
  });
});
