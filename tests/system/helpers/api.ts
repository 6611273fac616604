/** Small HTTP clients for the system tests: accounts, tokens, tRPC calls and REST, over real loopback HTTP. */
export const PASSWORD = "correct horse battery staple";

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export async function call(
  baseUrl: string,
  path: string,
  init: { method?: string; body?: unknown; token?: string; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined;
  if (init.body !== undefined) {
    headers["content-type"] ??= "application/json";
    body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
  }
  const res = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
    signal: AbortSignal.timeout(init.timeoutMs ?? 30_000),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/**
 * Signs up (202 "Check your email…", decision 099). On PostgreSQL without SMTP_URL mail is off and new accounts start
 * verified; the embedded-database server of faults-hostile-input sets UNVERIFIED_WORKFLOW_LIMIT itself.
 */
export async function register(baseUrl: string, email: string, password = PASSWORD): Promise<void> {
  const reply = await call(baseUrl, "/api/auth/register", { body: { email, password } });
  if (reply.status !== 202) throw new Error(`register ${email}: ${reply.status} ${reply.text}`);
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

export async function logIn(baseUrl: string, email: string, password = PASSWORD): Promise<Tokens> {
  const reply = await call(baseUrl, "/api/auth/token", { body: { email, password } });
  if (reply.status !== 200) throw new Error(`log-in ${email}: ${reply.status} ${reply.text}`);
  return reply.json as Tokens;
}

/** A tRPC query (GET) or mutation (POST) without batching; returns the reply and the unwrapped data when 200. */
export async function trpc<T = Record<string, unknown>>(
  baseUrl: string,
  procedure: string,
  input: unknown,
  options: { token?: string; mutation?: boolean; timeoutMs?: number } = {},
): Promise<Reply & { data: T | undefined }> {
  const reply = options.mutation
    ? await call(baseUrl, `/api/trpc/${procedure}`, { body: input ?? {}, token: options.token, timeoutMs: options.timeoutMs })
    : await call(baseUrl, `/api/trpc/${procedure}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`, {
        token: options.token,
        timeoutMs: options.timeoutMs,
      });
  const data = reply.status === 200 ? ((reply.json as { result: { data: T } }).result.data as T) : undefined;
  return { ...reply, data };
}

export interface SavedWorkflow {
  id: string;
  name: string;
  code: string;
  version: number;
  size: { bytes: number; lines: number };
}

/** True when a body is the one error shape `{"error":{"code","message","requestId"}}` with nothing that looks like a stack. */
export function isErrorShape(json: unknown, text: string): boolean {
  const error = (json as { error?: Record<string, unknown> } | undefined)?.error;
  return (
    !!error &&
    typeof error.code === "string" &&
    typeof error.message === "string" &&
    typeof error.requestId === "string" &&
    !/\n\s+at |node_modules|ECONNREFUSED|Prisma|pg_|SELECT |stack/i.test(text)
  );
}

/** A browser's session cookie, through next-auth's Credentials log-in as the log-in form does it (same origin). */
export async function browserSession(baseUrl: string, email: string, password = PASSWORD): Promise<string> {
  const cookies = new Map<string, string>();
  const take = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const index = pair!.indexOf("=");
      cookies.set(pair!.slice(0, index).trim(), pair!.slice(index + 1).trim());
    }
  };
  const header = () => [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: baseUrl, cookie: header() },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/dashboard", json: "true" }),
  });
  take(res);
  await res.arrayBuffer();
  if (![...cookies.keys()].some((name) => name.endsWith("next-auth.session-token"))) {
    throw new Error(`browser log-in ${email}: ${res.status}, no session cookie`);
  }
  return header();
}
