/** Structured JSON logs. Secrets are redacted by path, whatever a caller passes. */
import pino from "pino";

const REDACT = [
  "password",
  "*.password",
  "currentPassword",
  "*.currentPassword",
  "newPassword",
  "*.newPassword",
  "token",
  "*.token",
  "accessToken",
  "*.accessToken",
  "refreshToken",
  "*.refreshToken",
  "passwordHash",
  "*.passwordHash",
  "authorization",
  "*.authorization",
  "headers.cookie",
  "*.headers.cookie",
  "secret",
  "*.secret",
];

function createLogger() {
  const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info");
  return pino({
    level,
    base: { service: "workflow-studio" },
    redact: { paths: REDACT, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

const globalForLog = globalThis as unknown as { __workflowStudioLog?: pino.Logger };

export const log: pino.Logger = (globalForLog.__workflowStudioLog ??= createLogger());
