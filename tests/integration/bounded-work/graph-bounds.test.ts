/**
 * Issue 12, section 1 (and issue 11, "Server first paint"): the graph work a request causes is bounded in size and
 * time. The API answers a graph only up to its size bound (else 422 with the counts); a save whose summary runs out
 * of budget still stores the workflow, with the counts unknown; the editor's first paint is laid out on the server
 * only for a graph within the first-paint bound and budget, and otherwise ships less, with the "large graph" notice.
 *
 * Here the graph work runs inline (no worker pool in this process) or through a stand-in that answers as a pool does
 * when a budget runs out or every thread is busy; worker-pool.test.ts runs the real threads.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EXAMPLES } from "../../../src/lib/examples";
import { initialDrawing } from "../../../src/server/graph-work/initial-drawing";
import type { PoolOutcome } from "../../../src/server/graph-work/pool";
import { type GraphWork, inlineGraphWork, setGraphWork } from "../../../src/server/graph-work/registry";
import type { GraphTask, GraphTaskResult } from "../../../src/server/graph-work/tasks";
import { requestLimits } from "../../../src/server/limits";
import { bearer, signUp, type ApiSession } from "../../helpers/api-session";
import { setupTestDatabase } from "../../helpers/db";
import { bigAirflowScript, denseAirflowScript, wideAirflowScript } from "../../helpers/heavy-scripts";
import { setupTestServer } from "../../helpers/http-server";

const db = setupTestDatabase();
const baseUrl = setupTestServer();

beforeEach(async () => {
  await db().prisma.rateLimit.deleteMany();
});

afterEach(() => setGraphWork(undefined));

/** Records the tasks asked for and answers some kinds as a pool would when a budget runs out or it is busy. */
function standIn(answers: Partial<Record<GraphTask["kind"], PoolOutcome<GraphTaskResult>["status"]>> = {}) {
  const asked: GraphTask["kind"][] = [];
  const work: GraphWork = {
    async run(task, options) {
      asked.push(task.kind);
      const status = answers[task.kind];
      if (status === "over-budget") return { status, ms: options.budgetMs };
      if (status === "busy") return { status };
      if (status === "failed") return { status, message: "the thread exited (code 1)" };
      return inlineGraphWork.run(task, options);
    },
  };
  setGraphWork(work);
  return asked;
}

async function api(me: ApiSession, path: string, init: RequestInit = {}) {
  const response = await fetch(`${baseUrl()}${path}`, {
    ...init,
    headers: { "content-type": "application/json", ...bearer(me.accessToken), ...init.headers },
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text), bytes: text.length };
}

async function save(me: ApiSession, name: string, code: string) {
  const created = await api(me, "/api/workflows", { method: "POST", body: JSON.stringify({ name, code }) });
  expect(created.status).toBe(201);
  return created.body as { id: string; version: number; graph: { dialect: string; nodes: number | null; edges: number | null } };
}

describe("the API's graph size bound", () => {
  const { maxNodes, maxEdges } = requestLimits().graph.api;

  it("answers a graph past the bound with 422 in the one shape, with its counts — over REST and tRPC", async () => {
    const me = await signUp(baseUrl());
    const wide = await save(me, "wide", wideAirflowScript(80)); // 160 tasks, 6,400 edges
    expect(wide.graph).toEqual({ dialect: "airflow", nodes: 160, edges: 6400 });

    const rest = await api(me, `/api/workflows/${wide.id}/graph`);
    expect(rest.status).toBe(422);
    expect(rest.body).toEqual({
      error: {
        code: "UNPROCESSABLE_CONTENT",
        message: expect.stringContaining("too large"),
        requestId: expect.any(String),
        details: { reason: "size", nodes: 160, edges: 6400, maxNodes, maxEdges },
      },
    });
    expect(rest.bytes).toBeLessThan(1_000);

    const trpc = await api(me, `/api/trpc/workflow.graph?input=${encodeURIComponent(JSON.stringify({ id: wide.id }))}`);
    expect(trpc.status).toBe(422);
    expect(trpc.body.error).toMatchObject({ code: "UNPROCESSABLE_CONTENT", details: { reason: "size", edges: 6400 } });
  });

  it("answers the 278 KiB script's graph (2,000 nodes, tens of thousands of edges) with a 422 of a few hundred bytes", async () => {
    const me = await signUp(baseUrl());
    const big = await save(me, "big", bigAirflowScript());
    expect(big.graph.nodes).toBe(2000);
    expect(big.graph.edges).toBeGreaterThan(maxEdges);
    const rest = await api(me, `/api/workflows/${big.id}/graph`);
    expect(rest.status).toBe(422);
    expect(rest.bytes).toBeLessThan(1_000);
  });

  it("answers a graph within the bound: the dense script's 1,990 edges", async () => {
    const me = await signUp(baseUrl());
    const dense = await save(me, "dense", denseAirflowScript());
    const rest = await api(me, `/api/workflows/${dense.id}/graph`);
    expect(rest.status).toBe(200);
    expect(rest.body.graph.edges).toHaveLength(1990);
  });

  it("answers 422 (time) when the visualizer runs past its budget, and 503 with Retry-After when every thread is busy", async () => {
    const me = await signUp(baseUrl());
    const { id } = await save(me, "slow", denseAirflowScript());
    standIn({ visualize: "over-budget" });
    const slow = await api(me, `/api/workflows/${id}/graph`);
    expect(slow.status).toBe(422);
    expect(slow.body.error).toMatchObject({ code: "UNPROCESSABLE_CONTENT", details: { reason: "time" } });
    standIn({ visualize: "busy" });
    const response = await fetch(`${baseUrl()}/api/workflows/${id}/graph`, { headers: bearer(me.accessToken) });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("2");
    expect((await response.json()).error.code).toBe("SERVICE_UNAVAILABLE");
  });
});

describe("the summary at save time", () => {
  for (const status of ["over-budget", "busy", "failed"] as const) {
    it(`stores the workflow with its counts unknown when the visualizer is ${status}, and counts them at the next save`, async () => {
      const me = await signUp(baseUrl());
      standIn({ visualize: status });
      const saved = await save(me, "unknown counts", denseAirflowScript());
      expect(saved.graph).toEqual({ dialect: "unknown", nodes: null, edges: null });
      const row = await db().prisma.workflow.findUniqueOrThrow({ where: { id: saved.id } });
      expect(row).toMatchObject({ dialect: "unknown", nodeCount: -1, edgeCount: -1, codeBytes: Buffer.byteLength(denseAirflowScript()) });
      expect(row.code).toBe(denseAirflowScript());
      const list = await api(me, "/api/workflows");
      expect(list.body.items[0].graph).toEqual({ dialect: "unknown", nodes: null, edges: null });

      setGraphWork(undefined);
      const updated = await api(me, `/api/workflows/${saved.id}`, {
        method: "PUT",
        body: JSON.stringify({ code: `${denseAirflowScript()}# again\n`, expectedVersion: 1 }),
      });
      expect(updated.status).toBe(200);
      expect(updated.body.graph).toEqual({ dialect: "airflow", nodes: 80, edges: 1990 });
    });
  }

  it("never sends the graph back from the worker for a summary, only its counts", async () => {
    const sent: Array<GraphTask> = [];
    setGraphWork({
      run: (task, options) => {
        sent.push(task);
        return inlineGraphWork.run(task, options);
      },
    });
    const me = await signUp(baseUrl());
    await save(me, "counted", denseAirflowScript());
    expect(sent).toEqual([expect.objectContaining({ kind: "visualize", send: null })]);
  });
});

describe("the editor's first paint", () => {
  it("is drawn on the server, graph and layout, for a small workflow", async () => {
    const asked = standIn();
    const drawing = await initialDrawing(EXAMPLES[0]!.code);
    expect(drawing.graph?.nodes.length).toBeGreaterThan(0);
    expect(drawing.layout).not.toBeNull();
    expect(drawing.largeGraph).toBeNull();
    expect(asked).toEqual(["visualize", "layout"]);
  });

  it("ships the dense script's graph without a layout (never laid out on the server) and the notice", async () => {
    const asked = standIn();
    const drawing = await initialDrawing(denseAirflowScript());
    expect(drawing.graph?.edges).toHaveLength(1990);
    expect(drawing.layout).toBeNull();
    expect(drawing.largeGraph).toEqual({ nodes: 80, edges: 1990 });
    expect(asked).toEqual(["visualize"]);
  });

  it("ships no graph past the API's bound: the browser reads it from the code, with the notice", async () => {
    standIn();
    const drawing = await initialDrawing(wideAirflowScript(80));
    expect(drawing).toEqual({ graph: null, layout: null, largeGraph: { nodes: 160, edges: 6400 } });
  });

  it("leaves the layout to the browser with the notice when it runs past its budget", async () => {
    standIn({ layout: "over-budget" });
    const drawing = await initialDrawing(EXAMPLES[0]!.code);
    expect(drawing.graph).not.toBeNull();
    expect(drawing.layout).toBeNull();
    expect(drawing.largeGraph).toEqual({ nodes: expect.any(Number), edges: expect.any(Number) });
  });

  it("leaves everything to the browser when the visualizer runs past its budget (notice) or every thread is busy (none)", async () => {
    standIn({ visualize: "over-budget" });
    expect(await initialDrawing(denseAirflowScript())).toEqual({ graph: null, layout: null, largeGraph: { nodes: null, edges: null } });
    standIn({ visualize: "busy" });
    expect(await initialDrawing(denseAirflowScript())).toEqual({ graph: null, layout: null, largeGraph: null });
  });

  it("draws nothing for empty code", async () => {
    const asked = standIn();
    const drawing = await initialDrawing("");
    expect(drawing.graph?.nodes).toEqual([]);
    expect(drawing.layout).toBeNull();
    expect(asked).toEqual(["visualize"]);
  });
});
