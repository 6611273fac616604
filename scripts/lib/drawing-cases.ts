/**
 * The graphs the drawing audit draws (scripts/audit-drawing.ts): the golden corpus, the shared corpus when present,
 * the examples, the dense Airflow script and generated graphs of 20–500 nodes.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { SAMPLE_FAMILIES, sampleGraph } from "../../src/lib/graph-layout/sample-graphs";
import { EXAMPLES } from "../../src/lib/examples";
import { visualize } from "../../src/lib/visualizer";
import type { WorkflowGraph } from "../../src/lib/visualizer/types";
import { goldenFixtures } from "./golden-graph";


export interface Case {
  name: string;
  source: "corpus" | "example" | "script" | "generated";
  graph: WorkflowGraph;
}

/**
 * The dense Airflow script of issue 12: 80 tasks, every one of 40 upstream of every one of 40 others, said six times
 * (written here, not copied). `[a, …] >> [b, …]` is a TypeError in Airflow (the reader warns and draws nothing), so
 * the join is written as Airflow documents it, with `cross_downstream`; the lists come in a different order each time.
 */
function denseAirflowScript(): string {
  const ids = Array.from({ length: 80 }, (_, i) => `t${String(i).padStart(2, "0")}`);
  const lines = [
    "from datetime import datetime",
    "",
    "from airflow import DAG",
    "from airflow.models.baseoperator import cross_downstream",
    "from airflow.operators.empty import EmptyOperator",
    "",
    'with DAG("dense", start_date=datetime(2026, 1, 1), schedule=None) as dag:',
    ...ids.map((id) => `    ${id} = EmptyOperator(task_id="${id}")`),
  ];
  const list = (from: number, to: number, rotate: number) => {
    const slice = ids.slice(from, to);
    return `[${[...slice.slice(rotate), ...slice.slice(0, rotate)].join(", ")}]`;
  };
  for (let k = 0; k < 6; k++) lines.push(`    cross_downstream(${list(0, 40, k * 3)}, ${list(40, 80, k * 5)})`);
  return `${lines.join("\n")}\n`;
}

export function cases(): Case[] {
  const out: Case[] = [];
  for (const f of goldenFixtures()) {
    const code = readFileSync(f.script, "utf8");
    out.push({ name: `${f.dialect}/${f.name}`, source: "corpus", graph: visualize(code) });
    if (existsSync(f.datasetsGolden)) out.push({ name: `${f.dialect}/${f.name} (datasets)`, source: "corpus", graph: visualize(code, { datasets: true }) });
  }
  const shared = path.resolve("..", "shared", "visualizer-corpus");
  if (existsSync(shared)) {
    for (const file of readdirSync(shared).filter((x) => x.endsWith(".py")).sort()) {
      out.push({ name: `shared/${file.slice(0, -3)}`, source: "corpus", graph: visualize(readFileSync(path.join(shared, file), "utf8")) });
    }
  }
  for (const ex of EXAMPLES) {
    out.push({ name: `example/${ex.slug}`, source: "example", graph: visualize(ex.code) });
    if (ex.dialect === "kedro") out.push({ name: `example/${ex.slug} (datasets)`, source: "example", graph: visualize(ex.code, { datasets: true }) });
  }
  const dense = visualize(denseAirflowScript());
  if (dense.edges.length < 1600) throw new Error(`the dense Airflow script drew ${dense.edges.length} edges, not 1,600: the audit would not test it`);
  out.push({ name: "script/dense-airflow", source: "script", graph: dense });
  for (const family of SAMPLE_FAMILIES) {
    if (family === "dense") {
      out.push({ name: "generated/dense", source: "generated", graph: sampleGraph("dense", 80) });
      continue;
    }
    for (const n of [20, 50, 100, 200, 500]) out.push({ name: `generated/${family}-${n}`, source: "generated", graph: sampleGraph(family, n, n) });
  }
  return out;
}
