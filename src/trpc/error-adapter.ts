/**
 * Our server answers tRPC errors in the project's one shape, with a STRING code:
 *   {"error":{"code":"INVALID_CREDENTIALS","message":…,"requestId":…,"fields"?,"details"?}}
 * @trpc/client only recognises an error whose `error.code` is a JSON-RPC number, so the link's `fetch` rewrites
 * each such item to `{error:{code:<number>,message,data:{code:<our code>,requestId,fields,details,httpStatus}}}`.
 * In a component: `error.message` to show, `error.data?.code` for our code, `error.data?.fields` for a form.
 */

/** tRPC's JSON-RPC numbers (TRPC_ERROR_CODES_BY_KEY), kept here so the browser bundle imports no server code. */
const JSON_RPC_CODE: Record<string, number> = {
  PARSE_ERROR: -32700,
  BAD_REQUEST: -32600,
  INTERNAL_SERVER_ERROR: -32603,
  SERVICE_UNAVAILABLE: -32603,
  UNAUTHORIZED: -32001,
  INVALID_CREDENTIALS: -32001,
  FORBIDDEN: -32003,
  NOT_FOUND: -32004,
  METHOD_NOT_SUPPORTED: -32005,
  CONFLICT: -32009,
  PRECONDITION_FAILED: -32012,
  PAYLOAD_TOO_LARGE: -32013,
  UNSUPPORTED_MEDIA_TYPE: -32015,
  UNPROCESSABLE_CONTENT: -32022,
  TOO_MANY_REQUESTS: -32029,
};

export interface AppErrorData {
  code: string;
  requestId?: string;
  fields?: Record<string, string[]>;
  details?: Record<string, unknown>;
  httpStatus: number;
}

export function jsonRpcCodeFor(code: string): number {
  return JSON_RPC_CODE[code] ?? JSON_RPC_CODE.INTERNAL_SERVER_ERROR!;
}

/** Rewrites one response item when it is an error in our shape; anything else passes unchanged. */
export function adaptErrorItem(item: unknown, httpStatus: number): unknown {
  if (!item || typeof item !== "object" || !("error" in item)) return item;
  const error = (item as { error: unknown }).error;
  if (!error || typeof error !== "object") return item;
  const { code, message, requestId, fields, details } = error as Record<string, unknown>;
  if (typeof code !== "string") return item;
  const data: AppErrorData = { code, httpStatus };
  if (typeof requestId === "string") data.requestId = requestId;
  if (fields && typeof fields === "object") data.fields = fields as AppErrorData["fields"];
  if (details && typeof details === "object") data.details = details as AppErrorData["details"];
  return { error: { code: jsonRpcCodeFor(code), message: typeof message === "string" ? message : "Something went wrong.", data } };
}

/** The body of a tRPC response (one item or a batch), adapted. */
export function adaptErrorBody(body: unknown, httpStatus: number): unknown {
  return Array.isArray(body) ? body.map((item) => adaptErrorItem(item, httpStatus)) : adaptErrorItem(body, httpStatus);
}

/** A `fetch` for httpBatchLink that adapts error bodies before the link parses them. */
export function createErrorAdaptingFetch(baseFetch: typeof fetch = (...args) => fetch(...args)): typeof fetch {
  return async (input, init) => {
    const response = await baseFetch(input, init);
    if (response.ok) return response;
    const type = response.headers.get("content-type") ?? "";
    if (!type.includes("application/json")) return response;
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
    }
    const headers = new Headers(response.headers);
    headers.delete("content-length");
    return new Response(JSON.stringify(adaptErrorBody(body, response.status)), {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  };
}
