/**
 * `npm run audit -- --since 1h [--type login_failure] [--user <id>] [--limit 200] [--json]`: prints recent audit
 * events for an operator, oldest first. Uses the app's configuration (DATABASE_URL or the embedded database).
 */
import { recentAuditEvents } from "../src/server/auth/audit";
import { ConfigError, getConfig } from "../src/server/config";
import { openDatabase } from "../src/server/db/client";
import { DatabaseLockedError } from "../src/server/db/pglite-lock";

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseSince(value: string): number | null {
  const match = /^(\d{1,6})([smhd])$/.exec(value.trim());
  return match ? Number(match[1]) * UNITS[match[2]!]! : null;
}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main() {
  const since = parseSince(option("since") ?? "1h");
  if (since === null) {
    process.stderr.write("Usage: npm run audit -- --since <n>(s|m|h|d) [--type <type>] [--user <id>] [--limit <n>] [--json]\n");
    process.exit(2);
  }
  const limit = Math.min(Math.max(Number(option("limit") ?? 1000) || 1000, 1), 10_000);
  const config = getConfig();
  let db;
  try {
    db = await openDatabase(config);
  } catch (error) {
    if (error instanceof DatabaseLockedError) {
      process.stderr.write(
        `The embedded database in ${config.PGLITE_DATA_DIR} is in use by the running server.\n` +
          "Stop the server first, or run against a PostgreSQL server with DATABASE_URL.\n",
      );
      process.exit(1);
    }
    throw error;
  }
  try {
    const events = await recentAuditEvents(db, {
      since: new Date(Date.now() - since),
      limit,
      ...(option("type") ? { type: option("type")! } : {}),
      ...(option("user") ? { userId: option("user")! } : {}),
    });
    if (process.argv.includes("--json")) {
      for (const event of events) process.stdout.write(`${JSON.stringify(event)}\n`);
    } else {
      for (const e of events) {
        const details = e.details ? ` ${JSON.stringify(e.details)}` : "";
        process.stdout.write(
          `${e.createdAt.toISOString()}  ${e.type.padEnd(24)} user=${e.userId ?? e.pseudonym ?? "-"} email=${e.email ?? "-"} ` +
            `address=${e.clientAddress} request=${e.requestId} agent=${JSON.stringify(e.userAgent ?? "")}${details}\n`,
        );
      }
      process.stdout.write(`${events.length} event(s) since ${new Date(Date.now() - since).toISOString()}\n`);
    }
  } finally {
    await db.close();
  }
}

if (process.argv[1]?.endsWith("audit.ts")) {
  main().catch((error: unknown) => {
    process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `audit failed: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
