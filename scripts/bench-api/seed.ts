/**
 * Seeds a migrated database the way the app would have: users with real Argon2id hashes (so log-in works), and
 * workflows whose summary columns (code_bytes, code_lines, dialect, node_count, edge_count) come from the app's own
 * `summariseCode`, with uuidv7 ids as Prisma makes them. Rows go in by multi-row INSERTs through the app's Prisma
 * client (PGlite or PostgreSQL alike) — much faster than 10,000 saves through the API, and the rows are identical.
 */
import { randomBytes } from "node:crypto";
import type { Database } from "../../src/server/db/client";
import { hashPassword } from "../../src/server/auth/passwords";
import { summariseCode } from "../../src/server/workflows/summary";

/** A uuid v7 (RFC 9562) for a given millisecond, as Prisma's `uuid(7)` default makes them. */
export function uuidv7(ms: number): string {
  const bytes = randomBytes(16);
  const time = BigInt(ms);
  for (let i = 0; i < 6; i++) bytes[i] = Number((time >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const TEMPLATES: ((i: number) => string)[] = [
  (i) => `"""LangGraph research agent #${i}: plans, searches, drafts and reviews."""
from typing import TypedDict, Literal
from langgraph.graph import StateGraph, START, END


class State(TypedDict):
    question: str
    notes: list[str]
    draft: str
    attempts: int


def plan_${i}(state: State) -> dict:
    """Break the question into search queries."""
    return {"notes": [f"plan: {state['question']}"], "attempts": 0}


def search_${i}(state: State) -> dict:
    results = [f"result {n} for {state['question']}" for n in range(${(i % 5) + 3})]
    return {"notes": state["notes"] + results}


def draft_${i}(state: State) -> dict:
    text = "\\n".join(state["notes"])
    return {"draft": f"Draft answer based on:\\n{text}", "attempts": state["attempts"] + 1}


def review_${i}(state: State) -> Literal["draft_${i}", "publish_${i}"]:
    if state["attempts"] < ${(i % 3) + 1} and len(state["draft"]) < 400:
        return "draft_${i}"
    return "publish_${i}"


def publish_${i}(state: State) -> dict:
    print("publishing", state["draft"][:80])
    return {}


builder = StateGraph(State)
builder.add_node("plan_${i}", plan_${i})
builder.add_node("search_${i}", search_${i})
builder.add_node("draft_${i}", draft_${i})
builder.add_node("publish_${i}", publish_${i})
builder.add_edge(START, "plan_${i}")
builder.add_edge("plan_${i}", "search_${i}")
builder.add_edge("search_${i}", "draft_${i}")
builder.add_conditional_edges("draft_${i}", review_${i})
builder.add_edge("publish_${i}", END)
graph = builder.compile()

if __name__ == "__main__":
    print(graph.invoke({"question": "What changed in release ${i}?", "notes": [], "draft": "", "attempts": 0}))
`,
  (i) => `"""Nightly ETL #${i} on Airflow: extract, validate, transform, load, report."""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.python import PythonOperator
from airflow.operators.bash import BashOperator
from airflow.operators.empty import EmptyOperator

default_args = {"owner": "data-team", "retries": ${i % 4}, "retry_delay": timedelta(minutes=5)}


def extract_orders(**context):
    rows = [{"id": n, "amount": n * ${(i % 7) + 1}} for n in range(1000)]
    context["ti"].xcom_push(key="rows", value=rows)


def validate_orders(**context):
    rows = context["ti"].xcom_pull(key="rows")
    bad = [row for row in rows if row["amount"] < 0]
    if bad:
        raise ValueError(f"{len(bad)} invalid rows")


def transform_orders(**context):
    rows = context["ti"].xcom_pull(key="rows")
    total = sum(row["amount"] for row in rows)
    context["ti"].xcom_push(key="total", value=total)


def load_warehouse(**context):
    total = context["ti"].xcom_pull(key="total")
    print(f"loading total {total} into warehouse partition ${i}")


with DAG(
    dag_id="nightly_etl_${i}",
    default_args=default_args,
    start_date=datetime(2024, 1, 1),
    schedule="@daily",
    catchup=False,
    tags=["etl", "orders"],
) as dag:
    start = EmptyOperator(task_id="start")
    extract = PythonOperator(task_id="extract", python_callable=extract_orders)
    validate = PythonOperator(task_id="validate", python_callable=validate_orders)
    transform = PythonOperator(task_id="transform", python_callable=transform_orders)
    load = PythonOperator(task_id="load", python_callable=load_warehouse)
    report = BashOperator(task_id="report", bash_command="echo done ${i}")
    end = EmptyOperator(task_id="end")

    start >> extract >> validate >> transform >> load >> report >> end
`,
  (i) => `"""Prefect flow #${i}: fetch, clean and publish metrics."""
from prefect import flow, task


@task(retries=${i % 3})
def fetch_metrics(source: str) -> list[dict]:
    return [{"source": source, "value": n * ${(i % 9) + 1}} for n in range(250)]


@task
def clean_metrics(rows: list[dict]) -> list[dict]:
    return [row for row in rows if row["value"] % 7 != 0]


@task
def aggregate(rows: list[dict]) -> dict:
    total = sum(row["value"] for row in rows)
    return {"count": len(rows), "total": total, "mean": total / max(len(rows), 1)}


@task
def publish(summary: dict, channel: str) -> None:
    print(f"[{channel}] {summary}")


@task
def archive(rows: list[dict]) -> int:
    return len(rows)


@flow(name="metrics-${i}")
def metrics_pipeline(sources: list[str] = ["api", "db", "queue"]):
    cleaned = []
    for source in sources:
        rows = fetch_metrics(source)
        cleaned.extend(clean_metrics(rows))
    summary = aggregate(cleaned)
    publish(summary, channel="ops-${i}")
    archive(cleaned)
    return summary


if __name__ == "__main__":
    result = metrics_pipeline()
    print("finished run ${i}:", result)
    # Padding to keep scripts near two kilobytes, like a small real pipeline with notes and comments.
    # The pipeline fetches from three sources, drops multiples of seven, aggregates and publishes.
    # Archive keeps a count so that an operator can compare it with the warehouse.
`,
];

/** About 2 KB of realistic Python for workflow number i (three dialects, every script distinct). */
export function sampleCode(i: number): string {
  let code = TEMPLATES[i % TEMPLATES.length]!(i);
  while (Buffer.byteLength(code) < 1900) code += `# note ${i}: keep this script documented and small.\n`;
  return code;
}

export interface SeedOptions {
  users: number;
  workflowsForMain: number;
  password: string;
  log?: (line: string) => void;
}

export interface SeededUser {
  id: string;
  email: string;
}

export interface SeedResult {
  main: SeededUser;
  others: SeededUser[];
  password: string;
  workflowIds: string[];
  listBytesSample?: number;
}

async function insertRows(db: Database, table: string, columns: string[], rows: unknown[][], casts: string[]): Promise<void> {
  const batch = Math.floor(30_000 / columns.length);
  for (let start = 0; start < rows.length; start += batch) {
    const chunk = rows.slice(start, start + batch);
    const params: unknown[] = [];
    const values = chunk.map((row) => {
      const placeholders = row.map((value, index) => {
        params.push(value);
        return `$${params.length}${casts[index] ?? ""}`;
      });
      return `(${placeholders.join(",")})`;
    });
    await db.prisma.$executeRawUnsafe(`INSERT INTO ${table} (${columns.join(",")}) VALUES ${values.join(",")}`, ...params);
  }
}

/** Seeds `users` people (the first is the main one) and the main person's workflows. */
export async function seed(db: Database, options: SeedOptions): Promise<SeedResult> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const now = Date.now();
  const users: (SeededUser & { hash: string; at: Date })[] = [];
  // Real Argon2id hashes (the app's default policy), each with its own salt; four at a time on the thread pool.
  for (let n = 0; n < options.users; n += 4) {
    const made = await Promise.all(
      Array.from({ length: Math.min(4, options.users - n) }, async (_, k) => {
        const index = n + k;
        const at = new Date(now - 30 * 86_400_000 + index * 1000);
        const hash = await hashPassword(options.password, { algorithm: "argon2id", bcryptCost: 12 });
        return { id: uuidv7(at.getTime()), email: `bench-${index}@example.test`, hash, at };
      }),
    );
    users.push(...made);
  }
  await insertRows(
    db,
    "users",
    ["id", "email", "password_hash", "created_at", "updated_at"],
    users.map((u) => [u.id, u.email, u.hash, u.at, u.at]),
    ["::uuid", "", "", "::timestamptz", "::timestamptz"],
  );
  log(`seeded ${users.length} users in ${Date.now() - started} ms`);

  const main = users[0]!;
  const workflowIds: string[] = [];
  const rows: unknown[][] = [];
  const summaryStarted = Date.now();
  for (let i = 0; i < options.workflowsForMain; i++) {
    // One save a minute, oldest first, ending an hour ago.
    const at = new Date(now - 3_600_000 - (options.workflowsForMain - i) * 60_000);
    const id = uuidv7(at.getTime());
    const code = sampleCode(i);
    const summary = await summariseCode(code);
    workflowIds.push(id);
    rows.push([
      id,
      main.id,
      `Workflow ${String(i).padStart(5, "0")} — ${summary.dialect}`,
      code,
      1,
      summary.codeBytes,
      summary.codeLines,
      summary.dialect,
      summary.nodeCount,
      summary.edgeCount,
      at,
      at,
    ]);
  }
  log(`summarised ${rows.length} workflows in ${Date.now() - summaryStarted} ms`);
  await insertRows(
    db,
    "workflows",
    ["id", "owner_id", "name", "code", "version", "code_bytes", "code_lines", "dialect", "node_count", "edge_count", "created_at", "updated_at"],
    rows,
    ["::uuid", "::uuid", "", "", "::int", "::int", "::int", "", "::int", "::int", "::timestamptz", "::timestamptz"],
  );
  await db.prisma.$executeRawUnsafe("ANALYZE");
  log(`seeded ${rows.length} workflows in ${Date.now() - started} ms`);
  return {
    main: { id: main.id, email: main.email },
    others: users.slice(1).map((u) => ({ id: u.id, email: u.email })),
    password: options.password,
    workflowIds,
  };
}
