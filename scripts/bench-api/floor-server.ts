/**
 * The floor: the list and get queries of src/server/workflows/service.ts — the exact SQL Prisma sends for them
 * (taken from Prisma's query log) — answered by a bare node:http server over `pg` (PostgreSQL) or PGlite, with the
 * rows mapped to the same JSON items as the app's. No framework, no authentication, no validation: the cost of the
 * query plus HTTP and JSON, which the app cannot go below.
 *
 * Run as its own process: FLOOR_PORT, FLOOR_OWNER_ID and FLOOR_PG_URL (pool of FLOOR_POOL_MAX) or FLOOR_PGLITE_DIR.
 */
import { createServer } from "node:http";

const COLUMNS = `"public"."workflows"."id", "public"."workflows"."name", "public"."workflows"."version", "public"."workflows"."created_at", "public"."workflows"."updated_at", "public"."workflows"."code_bytes", "public"."workflows"."code_lines", "public"."workflows"."dialect", "public"."workflows"."node_count", "public"."workflows"."edge_count"`;
export const LIST_SQL = `SELECT ${COLUMNS} FROM "public"."workflows" WHERE "public"."workflows"."owner_id" = $1 ORDER BY "public"."workflows"."updated_at" DESC, "public"."workflows"."id" DESC LIMIT $2 OFFSET $3`;
export const GET_SQL = `SELECT ${COLUMNS}, "public"."workflows"."code" FROM "public"."workflows" WHERE ("public"."workflows"."id" = $1 AND "public"."workflows"."owner_id" = $2) LIMIT $3 OFFSET $4`;

interface Row {
  id: string;
  name: string;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  code_bytes: number;
  code_lines: number;
  dialect: string;
  node_count: number;
  edge_count: number;
  code?: string;
}

type Query = (sql: string, params: unknown[]) => Promise<Row[]>;

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

function item(row: Row) {
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    size: { bytes: row.code_bytes, lines: row.code_lines },
    graph: { dialect: row.dialect, nodes: row.node_count, edges: row.edge_count },
  };
}

async function openQuery(): Promise<Query> {
  if (process.env.FLOOR_PG_URL) {
    const { default: pg } = await import("pg");
    const pool = new pg.Pool({ connectionString: process.env.FLOOR_PG_URL, max: Number(process.env.FLOOR_POOL_MAX ?? 10) });
    return async (sql, params) => (await pool.query<Row>(sql, params)).rows;
  }
  const dir = process.env.FLOOR_PGLITE_DIR;
  if (!dir) throw new Error("set FLOOR_PG_URL or FLOOR_PGLITE_DIR");
  const [{ PGlite }, { pgliteExtensions }, { pgliteStartParams }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("../../src/server/db/pglite-extensions"),
    import("../../src/server/db/pglite-settings"),
  ]);
  // The app's PostgreSQL settings (shared_buffers), so that the floor's PGlite is the app's.
  const pglite = await PGlite.create(dir, { extensions: pgliteExtensions, startParams: await pgliteStartParams() });
  process.on("SIGTERM", () => void pglite.close().finally(() => process.exit(0)));
  return async (sql, params) => (await pglite.query<Row>(sql, params)).rows;
}

async function main() {
  const query = await openQuery();
  const owner = process.env.FLOOR_OWNER_ID!;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://floor");
    const send = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
      res.end(text);
    };
    const run = async () => {
      if (url.pathname === "/list") {
        const limit = 50;
        const rows = await query(LIST_SQL, [owner, limit + 1, 0]);
        const page = rows.slice(0, limit);
        const last = page.at(-1);
        const nextCursor =
          rows.length > limit && last ? Buffer.from(JSON.stringify(["updated", iso(last.updated_at), last.id])).toString("base64url") : null;
        return send(200, { result: { data: { items: page.map(item), nextCursor } } });
      }
      if (url.pathname === "/get") {
        const rows = await query(GET_SQL, [url.searchParams.get("id"), owner, 1, 0]);
        const row = rows[0];
        if (!row) return send(404, { error: { code: "NOT_FOUND" } });
        return send(200, { result: { data: { ...item(row), code: row.code } } });
      }
      if (url.pathname === "/health") return send(200, { status: "ok" });
      return send(404, { error: { code: "NOT_FOUND" } });
    };
    run().catch((error: unknown) => send(500, { error: { code: "INTERNAL", message: String(error) } }));
  });
  server.keepAliveTimeout = 65_000;
  server.listen(Number(process.env.FLOOR_PORT), "127.0.0.1");
}

void main();
