import { TRPCClientError, createTRPCClient, httpBatchLink } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { transformer } from "../../../src/lib/transformer";
import type { AppRouter } from "../../../src/server/api/root";
import { adaptErrorBody, createErrorAdaptingFetch, jsonRpcCodeFor } from "../../../src/trpc/error-adapter";

const ours = { error: { code: "INVALID_CREDENTIALS", message: "Invalid email or password.", requestId: "req-12345678" } };

describe("the tRPC error adapter", () => {
  it("rewrites our string codes to JSON-RPC numbers and keeps ours in data", () => {
    expect(adaptErrorBody(ours, 401)).toEqual({
      error: {
        code: -32001,
        message: "Invalid email or password.",
        data: { code: "INVALID_CREDENTIALS", requestId: "req-12345678", httpStatus: 401 },
      },
    });
    const fields = { error: { code: "BAD_REQUEST", message: "bad", requestId: "r-12345678", fields: { email: ["x"] } } };
    expect(adaptErrorBody([{ result: { data: 1 } }, fields], 207)).toEqual([
      { result: { data: 1 } },
      { error: { code: -32600, message: "bad", data: { code: "BAD_REQUEST", requestId: "r-12345678", fields: { email: ["x"] }, httpStatus: 207 } } },
    ]);
    expect(jsonRpcCodeFor("TOO_MANY_REQUESTS")).toBe(-32029);
    expect(jsonRpcCodeFor("SOMETHING_NEW")).toBe(-32603);
    // Already numeric: unchanged.
    const numeric = { error: { code: -32001, message: "m", data: {} } };
    expect(adaptErrorBody(numeric, 401)).toBe(numeric);
  });

  it("lets @trpc/client raise a TRPCClientError with our code, message and fields", async () => {
    const fakeFetch = (async () =>
      new Response(JSON.stringify([ours]), { status: 401, headers: { "content-type": "application/json" } })) as typeof fetch;
    const client = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: "http://test.invalid/api/trpc", transformer, fetch: createErrorAdaptingFetch(fakeFetch) })],
    });
    const error = await client.auth.me.query().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<AppRouter>).message).toBe("Invalid email or password.");
    expect((error as TRPCClientError<AppRouter>).data).toMatchObject({ code: "INVALID_CREDENTIALS", requestId: "req-12345678", httpStatus: 401 });
  });
});
