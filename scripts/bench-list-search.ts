/**
 * `npm run bench:search [-- --workflows=N] [--only=postgres|pglite] [--rounds=N]`
 *
 * Times the workflow list's one query (src/server/workflows/list.ts) at 10,000 workflows of one person, on the
 * embedded PGlite and on PostgreSQL (a database of its own on 127.0.0.1:5432, or BENCH_PG_URL): without a search,
 * each sort, the second page, a framework filter, and searches that hit one workflow's code, every workflow, a
 * framework and nothing — first with the pg_trgm indexes of the migration, then with them dropped. Prints the median
 * milliseconds per call (the service called in-process, no HTTP). The figures behind docs/decisions/065.
 */
import { openPglite, openPostgres, type Database } from "../src/server/db/client";
import { applyMigrations } from "../src/server/db/migrations/apply";
import { listWorkflowsInput } from "../src/lib/validation/workflow";
import { listWorkflows } from "../src/server/workflows/list";
import { median } from "./lib/median";
import { createOwnDatabase, DEFAULT_SERVER_URL } from "./lib/postgres-admin";
import { seed } from "./bench-api/seed";

const option = (name: string) => process.argv.slice(2).find((arg) => arg.startsWith(`--${name}=`))?.split("=")[1];
const WORKFLOWS = Number(option("workflows") ?? 10_000);
const ROUNDS = Number(option("rounds") ?? 7);
const only = option("only");
const log = (line: string) => process.stdout.write(`[bench:search] ${line}\n`);

const CASES: [string, Record<string, unknown>][] = [
  ["no search (updated)", {}],
  ["no search, sort name", { sort: "name" }],
  ["no search, sort size", { sort: "size" }],
  ["no search, sort nodes", { sort: "nodes" }],
  ["filter airflow", { dialects: ["airflow"] }],
  ["search: one workflow's code (publish_4242)", { search: "publish_4242" }],
  ["search: a name (Workflow 04242)", { search: "Workflow 04242" }],
  ["search: in every code (import)", { search: "import" }],
  ["search: a framework (airflow)", { search: "airflow" }],
  ["search: nothing matches (zzqx_none)", { search: "zzqx_none" }],
  ["search: one code + sort name", { search: "publish_4242", sort: "name" }],
];

async function timeCases(db: Database, ownerId: string): Promise<Map<string, number>> {
  const scope = { db, ownerId, limitPerOwner: WORKFLOWS + 1 };
  const out = new Map<string, number>();
  for (const [label, raw] of CASES) {
    const input = listWorkflowsInput.parse({ limit: 50, ...raw });
    await listWorkflows(scope, input); // warm
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const started = performance.now();
      await listWorkflows(scope, input);
      times.push(performance.now() - started);
    }
    out.set(label, median(times));
  }
  // The second page of the default list.
  const first = await listWorkflows(scope, listWorkflowsInput.parse({ limit: 50 }));
  const second = listWorkflowsInput.parse({ limit: 50, cursor: first.nextCursor });
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    await listWorkflows(scope, second);
    times.push(performance.now() - started);
  }
  out.set("second page (updated)", median(times));
  return out;
}

async function benchMode(mode: "pglite" | "postgres"): Promise<[Map<string, number>, Map<string, number>]> {
  let db: Database;
  let drop = async () => {};
  if (mode === "postgres") {
    const own = await createOwnDatabase(process.env.BENCH_PG_URL ?? DEFAULT_SERVER_URL, "ws_bench_search");
    db = await openPostgres({ DATABASE_URL: own.url, DATABASE_POOL_MAX: 4, DATABASE_TIMEOUT_MS: 60_000, PGLITE_DATA_DIR: "" });
    drop = () => own.drop();
  } else {
    db = await openPglite(undefined);
  }
  try {
    await applyMigrations(db.adapterFactory);
    const seeded = await seed(db, { users: 1, workflowsForMain: WORKFLOWS, password: "bench-password-1234", log });
    await db.prisma.$executeRawUnsafe("ANALYZE workflows");
    log(`${mode}: with the trigram indexes`);
    const withIndexes = await timeCases(db, seeded.main.id);
    await db.prisma.$executeRawUnsafe("DROP INDEX workflows_code_trgm_idx");
    await db.prisma.$executeRawUnsafe("DROP INDEX workflows_name_trgm_idx");
    await db.prisma.$executeRawUnsafe("ANALYZE workflows");
    log(`${mode}: without them`);
    const withoutIndexes = await timeCases(db, seeded.main.id);
    return [withIndexes, withoutIndexes];
  } finally {
    await db.close();
    await drop();
  }
}

const lines = [`${WORKFLOWS} workflows of one person, limit 50, median of ${ROUNDS} calls (ms)`, ""];
for (const mode of ["pglite", "postgres"] as const) {
  if (only && only !== mode) continue;
  const [withIndexes, withoutIndexes] = await benchMode(mode);
  lines.push(`| ${mode} | trigram indexes | no trigram indexes |`, "|---|---:|---:|");
  for (const [label, ms] of withIndexes) lines.push(`| ${label} | ${ms.toFixed(1)} | ${withoutIndexes.get(label)!.toFixed(1)} |`);
  lines.push("");
}
process.stdout.write(`${lines.join("\n")}\n`);
process.exit(0);
