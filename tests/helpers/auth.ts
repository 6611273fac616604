/**
 * Helpers for the accounts tests: HTTP calls in the one shape, next-auth's browser log-in flow with its cookies,
 * and a capture of the whole file's log (to prove no password, token or hash is ever written).
 */
import { afterAll, beforeAll } from "vitest";
import { getDatabase } from "../../src/server/db/client";
import { setLogSink, log } from "../../src/server/log";
import { mailSettled } from "../../src/server/mail/mailer";

export const PASSWORD = "correct horse battery staple";

/** A parsed JSON response body, read loosely by the tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonBody = Record<string, any>;

export async function postJson(baseUrl: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { response, status: response.status, body: text ? (JSON.parse(text) as JsonBody) : null };
}

/**
 * Signs up through the real API (202 "Check your email…", whether or not the email is taken: decision 099) and
 * answers the new account, read from the test's database (the answer no longer names it). The account is unverified;
 * the verification mail has gone out (or been written) before this returns, so a test's next mail is its own.
 */
export async function register(baseUrl: string, email: string, password = PASSWORD) {
  const result = await postJson(baseUrl, "/api/auth/register", { email, password });
  if (result.status !== 202) throw new Error(`register failed: ${result.status} ${JSON.stringify(result.body)}`);
  await mailSettled();
  return (await getDatabase()).prisma.user.findUniqueOrThrow({ where: { email: email.trim().toLowerCase() }, select: { id: true, email: true } });
}

export async function tokens(baseUrl: string, email: string, password = PASSWORD) {
  const result = await postJson(baseUrl, "/api/auth/token", { email, password });
  if (result.status !== 200) throw new Error(`token failed: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body as { accessToken: string; tokenType: "Bearer"; expiresIn: number; refreshToken: string };
}

/** A cookie jar for one browser. */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const index = pair!.indexOf("=");
      const name = pair!.slice(0, index).trim();
      const value = pair!.slice(index + 1).trim();
      if (value === "" || /max-age=0/i.test(line) || /expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

/** next-auth's Credentials log-in, as the browser's `signIn("credentials", { redirect: false })` does it. */
export async function browserLogIn(baseUrl: string, email: string, password = PASSWORD, jar = new CookieJar()) {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers: { cookie: jar.header() } });
  jar.take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: "http://localhost:3000",
      cookie: jar.header(),
    },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/dashboard", json: "true" }),
  });
  jar.take(response);
  const body = (await response.json()) as { url: string };
  return { jar, response, status: response.status, url: body.url };
}

export const SESSION_COOKIE = "next-auth.session-token";

/** Captures every log line of the calling test file, at every level, with the app's own redaction. */
export function captureLogs(): () => string[] {
  const lines: string[] = [];
  let level: string;
  beforeAll(() => {
    level = log.level;
    log.level = "trace";
    setLogSink({ write: (line: string) => lines.push(line) });
  });
  afterAll(() => {
    setLogSink(undefined);
    log.level = level;
  });
  return () => lines;
}

/** Asserts that none of the secrets appears in the captured lines. */
export function expectNoSecrets(lines: string[], secrets: string[]) {
  const all = lines.join("\n");
  for (const secret of secrets) {
    if (secret && all.includes(secret)) throw new Error(`a secret appears in the log: ${secret.slice(0, 6)}…`);
  }
  if (/\$argon2id?\$|\$2[aby]\$\d\d\$/.test(all)) throw new Error("a password hash appears in the log");
}
