/**
 * The request id of the request being handled, for code that is not handed it: tRPC's error formatter when tRPC
 * refuses a request before it builds a context (a batch mixing queries and mutations, say), so that the error still
 * names the request's own id. One AsyncLocalStorage per process, on `globalThis`, shared by every bundle.
 */
import { AsyncLocalStorage } from "node:async_hooks";

interface RequestScope {
  requestId: string;
}

const globalForScope = globalThis as unknown as { __workflowStudioRequestScope?: AsyncLocalStorage<RequestScope> };
const storage = (globalForScope.__workflowStudioRequestScope ??= new AsyncLocalStorage<RequestScope>());

export function withRequestId<T>(requestId: string, run: () => T): T {
  return storage.run({ requestId }, run);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
