/**
 * Workflow scripts that cost the server a lot for their size — the attacks of issue 12, section 1 — written here
 * from Airflow's documented patterns: tasks as operators inside `with DAG(...)`, and dependencies with the bitshift
 * operators between lists of tasks (https://airflow.apache.org/docs/apache-airflow/stable/core-concepts/dags.html,
 * "Task Dependencies").
 */

function header(dagId: string, operator: "EmptyOperator" | "BashOperator"): string[] {
  const from = operator === "EmptyOperator" ? "airflow.operators.empty" : "airflow.operators.bash";
  return [
    "from datetime import datetime",
    "from airflow import DAG",
    `from ${from} import ${operator}`,
    `with DAG(dag_id="${dagId}", start_date=datetime(2026, 1, 1), schedule=None) as dag:`,
  ];
}

const list = (tasks: string[]) => `[${tasks.join(", ")}]`;

/**
 * About 5.6 KiB: 80 tasks and `[40 tasks] >> [40 tasks]` six times, sliding the sources by two each time — 1,990
 * edges. Its layout kept the server's only thread busy for about 80 s.
 */
export function denseAirflowScript(): string {
  const tasks = Array.from({ length: 80 }, (_, i) => `t${i}`);
  const lines = header("dense", "EmptyOperator");
  for (const task of tasks) lines.push(`    ${task} = EmptyOperator(task_id="${task}")`);
  for (let k = 0; k < 6; k++) lines.push(`    ${list(tasks.slice(k * 2, k * 2 + 40))} >> ${list(tasks.slice(40, 80))}`);
  return `${lines.join("\n")}\n`;
}

/**
 * About 278 KiB: 2,000 tasks and a few hundred `[40 tasks] >> [40 tasks]` statements over them — about 130,000
 * edges, a graph of about 15 MB of JSON.
 */
export function bigAirflowScript(targetBytes = 278 * 1024): string {
  const count = 2_000;
  const tasks = Array.from({ length: count }, (_, i) => `t${i}`);
  const lines = header("big", "BashOperator");
  for (const task of tasks) lines.push(`    ${task} = BashOperator(task_id="${task}", bash_command="echo ${task}")`);
  let size = lines.join("\n").length;
  for (let k = 0; size < targetBytes; k++) {
    const at = (k * 37) % (count - 80);
    const line = `    ${list(tasks.slice(at, at + 40))} >> ${list(tasks.slice(at + 40, at + 80))}`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join("\n")}\n`;
}

/** `width` tasks on each side of one `[…] >> […]`: width² edges from a script of a few KiB. */
export function wideAirflowScript(width: number): string {
  const left = Array.from({ length: width }, (_, i) => `a${i}`);
  const right = Array.from({ length: width }, (_, i) => `b${i}`);
  const lines = header("wide", "EmptyOperator");
  for (const task of [...left, ...right]) lines.push(`    ${task} = EmptyOperator(task_id="${task}")`);
  lines.push(`    ${list(left)} >> ${list(right)}`);
  return `${lines.join("\n")}\n`;
}
