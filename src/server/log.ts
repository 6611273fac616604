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

interface LogSink {
  write(line: string): unknown;
}

const globalForLog = globalThis as unknown as { __workflowStudioLog?: pino.Logger; __workflowStudioLogSink?: LogSink };

function createLogger() {
  const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info");
  // Asynchronous: a log line (one per request) is queued and written by the event loop later, not with a blocking
  // write(2) per line. pino flushes what is queued when the process exits (its exit handler on this destination).
  const stdout = pino.destination({ dest: 1, sync: false });
  return pino(
    {
      level,
      base: { service: "workflow-studio" },
      redact: { paths: REDACT, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    { write: (line: string) => (globalForLog.__workflowStudioLogSink ?? stdout).write(line) },
  );
}

/** Sends the log lines somewhere else (a test capturing the whole run's log); `undefined` restores stdout. */
export function setLogSink(sink: LogSink | undefined): void {
  globalForLog.__workflowStudioLogSink = sink;
}

export const log: pino.Logger = (globalForLog.__workflowStudioLog ??= createLogger());
