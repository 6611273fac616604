/**
 * Workflow scripts that cost the server a lot for their size — the attacks of issue 12, section 1 — written here
 * from Airflow's documented patterns: tasks as operators inside `with DAG(...)`, and every task of one list upstream
 * of every task of another with `cross_downstream` (https://airflow.apache.org/docs/apache-airflow/stable/core-concepts/dags.html,
 * "Task Dependencies"; `[a, b] >> [c, d]` is a TypeError in Airflow, and the reader refuses it).
 */

function header(dagId: string, operator: "EmptyOperator" | "BashOperator"): string[] {
  const from = operator === "EmptyOperator" ? "airflow.operators.empty" : "airflow.operators.bash";
  return [
    "from datetime import datetime",
    "from airflow import DAG",
    `from ${from} import ${operator}`,
    "from airflow.models.baseoperator import cross_downstream",
    `with DAG(dag_id="${dagId}", start_date=datetime(2026, 1, 1), schedule=None) as dag:`,
  ];
}

const cross = (upstream: string[], downstream: string[]) => `    cross_downstream([${upstream.join(", ")}], [${downstream.join(", ")}])`;

/**
 * About 6 KiB: 80 tasks, 40 of them upstream of 40 others six times over, sliding the upstream list by two each time
 * — about 2,000 edges. Its layout kept the server's only thread busy for about 80 s.
 */
export function denseAirflowScript(): string {
  const tasks = Array.from({ length: 80 }, (_, i) => `t${i}`);
  const lines = header("dense", "EmptyOperator");
  for (const task of tasks) lines.push(`    ${task} = EmptyOperator(task_id="${task}")`);
  for (let k = 0; k < 6; k++) lines.push(cross(tasks.slice(k * 2, k * 2 + 40), tasks.slice(40, 80)));
  return `${lines.join("\n")}\n`;
}

/**
 * About 278 KiB: 2,000 tasks and a few hundred joins of 40 tasks to 40 others over them — about 130,000 dependencies
 * (the visualizer itself now draws at most 20,000 of them, a graph of about 2 MB of JSON; it drew all, 15 MB, when
 * issue 12 was filed).
 */
export function bigAirflowScript(targetBytes = 278 * 1024): string {
  const count = 2_000;
  const tasks = Array.from({ length: count }, (_, i) => `t${i}`);
  const lines = header("big", "BashOperator");
  for (const task of tasks) lines.push(`    ${task} = BashOperator(task_id="${task}", bash_command="echo ${task}")`);
  let size = lines.join("\n").length;
  for (let k = 0; size < targetBytes; k++) {
    const at = (k * 37) % (count - 80);
    const line = cross(tasks.slice(at, at + 40), tasks.slice(at + 40, at + 80));
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join("\n")}\n`;
}

/** `width` tasks upstream of `width` others: width² edges from a script of a few KiB. */
export function wideAirflowScript(width: number): string {
  const left = Array.from({ length: width }, (_, i) => `a${i}`);
  const right = Array.from({ length: width }, (_, i) => `b${i}`);
  const lines = header("wide", "EmptyOperator");
  for (const task of [...left, ...right]) lines.push(`    ${task} = EmptyOperator(task_id="${task}")`);
  lines.push(cross(left, right));
  return `${lines.join("\n")}\n`;
}
