import { describe, expect, it } from "vitest";
import { layoutGraph } from "~/lib/graph-layout/layout";
import { createLayoutClient, type LayoutWorkerLike } from "~/lib/graph-layout/layout-client";
import type { LayoutRequest, LayoutResponse } from "~/lib/graph-layout/protocol";
import { generateWorkflowGraph } from "~/lib/graph-layout/sample-graphs";

/** A worker stand-in that answers when told to (to control ordering). */
function fakeWorker() {
  const inbox: LayoutRequest[] = [];
  const worker: LayoutWorkerLike & { inbox: LayoutRequest[]; answer(i: number): void; fail(): void; terminated: boolean } = {
    inbox,
    terminated: false,
    onmessage: null,
    onerror: null,
    postMessage(message) {
      inbox.push(message);
    },
    terminate() {
      this.terminated = true;
    },
    answer(i) {
      const r = inbox[i]!;
      const data: LayoutResponse = { id: r.id, result: layoutGraph(r.graph, { direction: r.direction, previous: r.previous }) };
      this.onmessage?.({ data } as MessageEvent<LayoutResponse>);
    },
    fail() {
      this.onerror?.({} as ErrorEvent);
    },
  };
  return worker;
}

const g1 = generateWorkflowGraph({ nodes: 20, seed: 1 });
const g2 = generateWorkflowGraph({ nodes: 24, seed: 2 });

describe("createLayoutClient", () => {
  it("lays out inline when there is no Worker (tests, SSR)", async () => {
    const client = createLayoutClient({ createWorker: () => null });
    const result = await client.layout(g1, "TB");
    expect(result).toEqual(layoutGraph(g1, { direction: "TB" }));
  });

  it("drops stale results: an older request resolves null", async () => {
    const worker = fakeWorker();
    const client = createLayoutClient({ createWorker: () => worker });
    const first = client.layout(g1, "TB");
    const second = client.layout(g2, "TB");
    worker.answer(1);
    worker.answer(0); // late answer for the superseded request: ignored
    expect(await first).toBeNull();
    const result = await second;
    expect(result?.structureKey).toBe(layoutGraph(g2, { direction: "TB" }).structureKey);
  });

  it("does not post anything when the structure is unchanged", async () => {
    const worker = fakeWorker();
    const client = createLayoutClient({ createWorker: () => worker });
    const pending = client.layout(g1, "TB");
    worker.answer(0);
    const first = (await pending)!;
    const relabelled = { ...g1, nodes: g1.nodes.map((n) => ({ ...n, label: `${n.label}!` })) };
    const again = await client.layout(relabelled, "TB", first);
    expect(again).toBe(first);
    expect(worker.inbox).toHaveLength(1);
  });

  it("falls back to inline layout when the worker fails", async () => {
    const worker = fakeWorker();
    const client = createLayoutClient({ createWorker: () => worker });
    const pending = client.layout(g1, "LR");
    worker.fail();
    expect((await pending)?.direction).toBe("LR");
    expect(worker.terminated).toBe(true);
    const next = await client.layout(g2, "TB");
    expect(next?.direction).toBe("TB");
    expect(worker.inbox).toHaveLength(1);
  });

  it("dispose resolves pending requests with null and ends the worker", async () => {
    const worker = fakeWorker();
    const client = createLayoutClient({ createWorker: () => worker });
    const pending = client.layout(g1, "TB");
    client.dispose();
    expect(await pending).toBeNull();
    expect(worker.terminated).toBe(true);
  });
});
