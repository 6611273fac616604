/** Databases of our own on a PostgreSQL server, created for a test run or a benchmark and dropped after it. */
import { randomBytes } from "node:crypto";
import pg from "pg";

export function runId(): string {
  return `${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
}

export const DEFAULT_SERVER_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export interface OwnDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database `<prefix>_<run id>` and returns its URL and a drop function. */
export async function createOwnDatabase(serverUrl: string, prefix: string): Promise<OwnDatabase> {
  const name = `${prefix}_${runId()}`;
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name ${name}`);
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  return { name, url: databaseUrl(serverUrl, name), drop: () => dropDatabase(serverUrl, name) };
}
