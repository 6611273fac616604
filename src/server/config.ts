/**
 * The app's configuration, read from the environment and validated once.
 * A wrong value stops the app with a message that names the variable (see `.env.example`).
 */
import { availableParallelism } from "node:os";
import { z } from "zod";
import { parsePreviousKey, parseSigningKey, SIGNING_ALGS, SigningKeyError } from "./auth/signing-keys";

const intFrom = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** A signing secret: at least 32 bytes of UTF-8 (a 48-byte random value in base64 is the usual choice). */
const secretSchema = z
  .string()
  .refine((value) => Buffer.byteLength(value, "utf8") >= 32, "must be at least 32 bytes")
  .refine((value) => Buffer.byteLength(value, "utf8") <= 512, "must be at most 512 bytes");

const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection string")
    .optional(),
  DATABASE_POOL_MAX: intFrom(1, 200, 10),
  DATABASE_TIMEOUT_MS: intFrom(100, 120_000, 5_000),
  PGLITE_DATA_DIR: z.string().min(1).default(".data/pglite"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  HOST: z.string().min(1).optional(),
  PORT: intFrom(1, 65_535, 3000),
  // Unset: http://localhost:$PORT (docs/decisions/067); APP_URL_SET says whether it was given.
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  TRUST_PROXY_HOPS: intFrom(0, 10, 0),
  WORKFLOW_LIMIT_PER_USER: intFrom(1, 1_000_000, 1000),
  // Workflows a person may keep before verifying their email (docs/decisions/099); 0: none without verifying.
  UNVERIFIED_WORKFLOW_LIMIT: intFrom(0, 1_000_000, 3),
  // Version history and storage (docs/decisions/075, 076).
  WORKFLOW_HISTORY_MAX_VERSIONS: intFrom(1, 10_000, 200),
  WORKFLOW_HISTORY_FULL_DAYS: intFrom(1, 3_650, 30),
  STORAGE_LIMIT_PER_USER_BYTES: intFrom(1_024, 1024 ** 4, 50 * 1024 * 1024),
  // The trash (docs/decisions/077): days a deleted workflow stays restorable before it is purged.
  TRASH_RETENTION_DAYS: intFrom(1, 3_650, 30),
  // Bounded work per request (docs/security/bounded-work.md, src/server/limits.ts).
  REQUEST_TIMEOUT_MS: intFrom(1_000, 300_000, 30_000),
  GRAPH_WORKERS: intFrom(1, 16, Math.min(4, Math.max(1, availableParallelism() - 1))),
  GRAPH_TIME_BUDGET_MS: intFrom(100, 60_000, 2_000),
  // Accounts (docs/security/*.md). Signing keys come only from the environment; see src/server/auth/keys.ts.
  AUTH_SECRET: secretSchema.optional(),
  AUTH_SECRET_PREVIOUS: secretSchema.optional(),
  AUTH_SECRET_FILE: z.string().min(1).default(".data/auth-secret"),
  // Access tokens (docs/decisions/093): HS256 with AUTH_SECRET, or an asymmetric PEM key whose public half the JWKS
  // publishes. AUTH_SECRET keys the session cookie and CSRF in every mode.
  AUTH_SIGNING_ALG: z.enum(SIGNING_ALGS, { message: "must be HS256 (the default), EdDSA or ES256" }).default("HS256"),
  AUTH_SIGNING_KEY: z.string().max(16_384, "is too long for a PEM key").optional(),
  AUTH_SIGNING_KEY_PREVIOUS: z.string().max(16_384, "is too long for a PEM key").optional(),
  PASSWORD_HASHER: z.enum(["argon2id", "bcrypt"]).default("argon2id"),
  BCRYPT_COST: intFrom(10, 15, 12),
  ACCESS_TOKEN_TTL: intFrom(60, 900, 900),
  REFRESH_TOKEN_TTL: intFrom(3_600, 30 * 24 * 3_600, 30 * 24 * 3_600),
  // Sessions (docs/decisions/040): an absolute lifetime from log-in, and an idle timeout since last use; seconds.
  SESSION_MAX_AGE: intFrom(3_600, 365 * 24 * 3_600, 30 * 24 * 3_600),
  SESSION_IDLE_TIMEOUT: intFrom(15 * 60, 365 * 24 * 3_600, 7 * 24 * 3_600),
  // Mail (src/server/mail, docs/decisions/095): SMTP when SMTP_URL is set; else, in development and with the
  // embedded database, .eml files in MAIL_DIR (listed at /dev/mailbox outside production); else no mail.
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
  MAIL_FROM: z
    .string()
    .max(320)
    .regex(/^(?:[^<>\r\n]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/, "must be an address, e.g. Workflow Studio <no-reply@example.com>")
    .optional(),
  MAIL_DIR: z.string().min(1).default(".data/mail"),
}).superRefine((config, ctx) => {
  if (config.NODE_ENV === "production" && !config.AUTH_SECRET) {
    ctx.addIssue({
      code: "custom",
      path: ["AUTH_SECRET"],
      message: "required in production: at least 32 bytes, e.g. `openssl rand -base64 48`",
    });
  }
  if (config.AUTH_SECRET_PREVIOUS && !config.AUTH_SECRET) {
    ctx.addIssue({ code: "custom", path: ["AUTH_SECRET_PREVIOUS"], message: "is only used together with AUTH_SECRET" });
  }
  checkSigningKeys(config, ctx);
  if (config.NODE_ENV === "production" && config.SMTP_URL && !config.MAIL_FROM) {
    ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "required with SMTP_URL in production: the sender, e.g. Workflow Studio <no-reply@example.com>" });
  }
  if (config.SESSION_IDLE_TIMEOUT > config.SESSION_MAX_AGE) {
    ctx.addIssue({ code: "custom", path: ["SESSION_IDLE_TIMEOUT"], message: "must not be longer than SESSION_MAX_AGE" });
  }
  if (config.AUTH_SECRET_PREVIOUS && config.AUTH_SECRET_PREVIOUS === config.AUTH_SECRET) {
    ctx.addIssue({ code: "custom", path: ["AUTH_SECRET_PREVIOUS"], message: "must differ from AUTH_SECRET" });
  }
});

type SigningKeyVariables = {
  AUTH_SIGNING_ALG: (typeof SIGNING_ALGS)[number];
  AUTH_SIGNING_KEY?: string | undefined;
  AUTH_SIGNING_KEY_PREVIOUS?: string | undefined;
};

/** The access-token keys fit their algorithm and each other; each message names the variable, never the key. */
function checkSigningKeys(config: SigningKeyVariables, ctx: z.RefinementCtx): void {
  const { AUTH_SIGNING_ALG: alg, AUTH_SIGNING_KEY: key, AUTH_SIGNING_KEY_PREVIOUS: previous } = config;
  const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if (previous && !key) issue("AUTH_SIGNING_KEY_PREVIOUS", "is only used together with AUTH_SIGNING_KEY");
  if (alg === "HS256") {
    if (key) issue("AUTH_SIGNING_KEY", "is only used with AUTH_SIGNING_ALG=EdDSA or ES256 (AUTH_SIGNING_ALG is HS256, the default)");
    return;
  }
  if (!key) {
    const generate = alg === "EdDSA" ? "openssl genpkey -algorithm ed25519" : "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256";
    issue("AUTH_SIGNING_KEY", `required with AUTH_SIGNING_ALG=${alg}: a PEM private key, e.g. from \`${generate}\``);
    return;
  }
  let current: ReturnType<typeof parseSigningKey> | undefined;
  try {
    current = parseSigningKey(key, alg);
  } catch (error) {
    if (!(error instanceof SigningKeyError)) throw error;
    issue("AUTH_SIGNING_KEY", error.message);
  }
  if (!previous) return;
  try {
    const { publicKey } = parsePreviousKey(previous);
    if (current?.publicKey.equals(publicKey)) issue("AUTH_SIGNING_KEY_PREVIOUS", "must differ from AUTH_SIGNING_KEY (it is the same key)");
  } catch (error) {
    if (!(error instanceof SigningKeyError)) throw error;
    issue("AUTH_SIGNING_KEY_PREVIOUS", error.message);
  }
}

export type AppConfig = Omit<z.infer<typeof configSchema>, "APP_URL"> & {
  /** The app's public URL: APP_URL, or `http://localhost:$PORT` when it is not set. */
  APP_URL: string;
  /** Whether APP_URL was set; when not, development redirects follow the request's own origin (decision 067). */
  APP_URL_SET: boolean;
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses an environment; throws a ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = configSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}\nSee .env.example for every variable.`);
  }
  const { APP_URL, ...rest } = result.data;
  return { ...rest, APP_URL: APP_URL ?? `http://localhost:${rest.PORT}`, APP_URL_SET: APP_URL !== undefined };
}

let cached: AppConfig | undefined;

/** The process's configuration, parsed from `process.env` on first use. */
export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
