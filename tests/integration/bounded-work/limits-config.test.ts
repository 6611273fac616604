/** The bounds' configuration: validated at start like every variable, and the server's cuts derived from it. */
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../../src/server/config";
import { httpServerOptions, limitsFrom } from "../../../src/server/limits";

describe("bounded-work configuration", () => {
  it("has defaults that need no configuration", () => {
    const config = parseConfig({});
    expect(config.REQUEST_TIMEOUT_MS).toBe(30_000);
    expect(config.GRAPH_TIME_BUDGET_MS).toBe(2_000);
    expect(config.GRAPH_WORKERS).toBeGreaterThanOrEqual(1);
    expect(config.GRAPH_WORKERS).toBeLessThanOrEqual(4);
  });

  it("stops on a budget, a timeout or a thread count out of range, naming the variable", () => {
    const cases: Array<[string, string]> = [
      ["GRAPH_TIME_BUDGET_MS", "50"],
      ["GRAPH_TIME_BUDGET_MS", "forever"],
      ["REQUEST_TIMEOUT_MS", "999"],
      ["REQUEST_TIMEOUT_MS", "3600000"],
      ["GRAPH_WORKERS", "0"],
      ["GRAPH_WORKERS", "64"],
    ];
    for (const [name, value] of cases) {
      expect(() => parseConfig({ [name]: value })).toThrow(ConfigError);
      expect(() => parseConfig({ [name]: value })).toThrow(new RegExp(`${name}:`));
    }
  });

  it("cuts request heads no later than whole requests, and whole requests after route handlers give up on bodies", () => {
    for (const timeout of [1_000, 5_000, 30_000, 300_000]) {
      const limits = limitsFrom({ REQUEST_TIMEOUT_MS: timeout, GRAPH_WORKERS: 1, GRAPH_TIME_BUDGET_MS: 2_000 });
      const options = httpServerOptions(limits);
      expect(options.headersTimeout).toBeLessThanOrEqual(options.requestTimeout!);
      expect(options.headersTimeout).toBeLessThanOrEqual(10_000);
      expect(options.requestTimeout).toBeGreaterThan(limits.bodyReadMs);
      expect(options.connectionsCheckingInterval).toBeLessThanOrEqual(1_000);
    }
  });

  it("keeps the first paint's budget within the graph budget and its bound within the API's", () => {
    const { graph } = limitsFrom({ REQUEST_TIMEOUT_MS: 30_000, GRAPH_WORKERS: 2, GRAPH_TIME_BUDGET_MS: 500 });
    expect(graph.firstPaintBudgetMs).toBeLessThanOrEqual(graph.budgetMs);
    expect(graph.firstPaint.maxNodes).toBeLessThanOrEqual(graph.api.maxNodes);
    expect(graph.firstPaint.maxEdges).toBeLessThanOrEqual(graph.api.maxEdges);
    expect(graph.workers).toBe(2);
  });
});
