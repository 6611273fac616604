/**
 * Helpers for the graph-drawing browser tests: scripts to draw (written for these tests, each modelled on a
 * framework documentation page named beside it), putting code in the editor, and reading the drawing back from the
 * DOM — the SVG paths React Flow drew and the node boxes — to measure what a reader sees.
 */
import type { Locator, Page } from "@playwright/test";
import { expect } from "./fixtures";

/* ------------------------------------------------------------------------------------------------------------ */
/* Scripts                                                                                                      */
/* ------------------------------------------------------------------------------------------------------------ */

/** A ReAct agent built by hand. Modelled on LangGraph's "How to create a ReAct agent from scratch" guide. */
export const REACT_AGENT = `from typing import Annotated, TypedDict

from langchain_core.messages import BaseMessage
from langgraph.graph import END, START, StateGraph
from langgraph.graph.message import add_messages
from langgraph.prebuilt import ToolNode

from assistant.llm import model, tools


class AgentState(TypedDict):
    messages: Annotated[list[BaseMessage], add_messages]


def call_model(state: AgentState):
    """Ask the model for the next step, or for the final answer."""
    return {"messages": [model.bind_tools(tools).invoke(state["messages"])]}


def should_continue(state: AgentState):
    last = state["messages"][-1]
    return "continue" if last.tool_calls else "end"


workflow = StateGraph(AgentState)
workflow.add_node("agent", call_model)
workflow.add_node("tools", ToolNode(tools))
workflow.add_edge(START, "agent")
workflow.add_conditional_edges("agent", should_continue, {"continue": "tools", "end": END})
workflow.add_edge("tools", "agent")
graph = workflow.compile()
`;

/** LangGraph's prebuilt agent. Modelled on LangGraph's "Agents: running an agent" page (create_react_agent). */
export const PREBUILT_REACT_AGENT = `from langgraph.prebuilt import create_react_agent


def get_weather(city: str) -> str:
    """Get the weather for a city."""
    return f"It is always sunny in {city}!"


def get_time(city: str) -> str:
    """Get the local time in a city."""
    return "12:00"


agent = create_react_agent(
    model="anthropic:claude-3-7-sonnet-latest",
    tools=[get_weather, get_time],
    prompt="You are a helpful assistant",
)
`;

/**
 * A router whose "retry" branch loops back to an earlier node. Modelled on LangGraph's Graph API guide
 * (conditional edges with a path map) and its agentic-RAG tutorial (grade the documents, retry or answer).
 */
export const ROUTER_LOOP = `from typing import Literal, TypedDict

from langgraph.graph import END, START, StateGraph


class RagState(TypedDict):
    question: str
    documents: list[str]
    attempts: int
    answer: str


def retrieve(state: RagState):
    """Fetch documents for the question."""
    return {"documents": [], "attempts": state["attempts"] + 1}


def grade(state: RagState):
    """Keep the documents that answer the question."""
    return {"documents": state["documents"]}


def route(state: RagState) -> Literal["relevant", "retry", "give_up"]:
    if state["documents"]:
        return "relevant"
    return "retry" if state["attempts"] < 3 else "give_up"


def answer(state: RagState):
    """Write the answer from the graded documents."""
    return {"answer": "..."}


builder = StateGraph(RagState)
builder.add_node("retrieve", retrieve)
builder.add_node("grade", grade)
builder.add_node("answer", answer)
builder.add_edge(START, "retrieve")
builder.add_edge("retrieve", "grade")
builder.add_conditional_edges("grade", route, {"relevant": "answer", "retry": "retrieve", "give_up": END})
builder.add_edge("answer", END)
graph = builder.compile()
`;

/**
 * Two Kedro pipelines summed into the default one. Modelled on Kedro's spaceflights tutorial ("Create a data
 * processing pipeline", "Create a data science pipeline") and its pipeline registry page (sum of pipelines).
 */
export const KEDRO_SUM = `from kedro.pipeline import Pipeline, node, pipeline


def preprocess_companies(companies):
    """Clean the companies table."""
    return companies


def preprocess_shuttles(shuttles):
    return shuttles


def create_model_input_table(shuttles, companies, reviews):
    return shuttles


def split_data(data, parameters):
    """Split the table into training and test sets."""
    return data, data, data, data


def train_model(X_train, y_train):
    return None


def evaluate_model(regressor, X_test, y_test):
    return None


data_processing = pipeline(
    [
        node(preprocess_companies, "companies", "preprocessed_companies", name="preprocess_companies_node"),
        node(preprocess_shuttles, "shuttles", "preprocessed_shuttles", name="preprocess_shuttles_node"),
        node(
            create_model_input_table,
            ["preprocessed_shuttles", "preprocessed_companies", "reviews"],
            "model_input_table",
            name="create_model_input_table_node",
        ),
    ]
)

data_science = pipeline(
    [
        node(split_data, ["model_input_table", "params:model_options"], ["X_train", "X_test", "y_train", "y_test"], name="split_data_node"),
        node(train_model, ["X_train", "y_train"], "regressor", name="train_model_node"),
        node(evaluate_model, ["regressor", "X_test", "y_test"], None, name="evaluate_model_node"),
    ]
)


def register_pipelines() -> dict[str, Pipeline]:
    return {"__default__": sum([data_processing, data_science])}
`;

export const KEDRO_NODES = ["preprocess_companies_node", "split_data_node", "train_model_node", "evaluate_model_node"];

const OPERATORS = [
  ["BashOperator", 'bash_command="run.sh"'],
  ["PythonOperator", "python_callable=transform"],
  ["PostgresOperator", 'sql="select 1"'],
  ["S3KeySensor", 'bucket_key="s3://in/ready"'],
  ["EmptyOperator", ""],
] as const;

/**
 * A 100-task Airflow DAG: ten TaskGroups of ten tasks — two loads (`load_g`, `fetch_g`) feeding six checks that
 * feed two publishers (`publish_g`, `notify_g`) — the groups chained in two lanes (`region_0 >> region_1 >> …`), so
 * each group-to-group edge stands for 2 × 2 task-level edges. Modelled on Airflow's "DAGs: TaskGroups" docs.
 */
export function bigAirflowDag(groups = 10): string {
  const lines = [
    "from datetime import datetime",
    "",
    "from airflow import DAG",
    "from airflow.operators.bash import BashOperator",
    "from airflow.operators.empty import EmptyOperator",
    "from airflow.operators.python import PythonOperator",
    "from airflow.providers.amazon.aws.sensors.s3 import S3KeySensor",
    "from airflow.providers.postgres.operators.postgres import PostgresOperator",
    "from airflow.utils.task_group import TaskGroup",
    "",
    "",
    "def transform():",
    '    """Transform one partition."""',
    "",
    "",
    'with DAG("warehouse_refresh", start_date=datetime(2024, 1, 1), schedule="@daily") as dag:',
  ];
  const task = (id: string, op: number) => {
    const [cls, arg] = OPERATORS[op % OPERATORS.length]!;
    return `        ${id} = ${cls}(task_id="${id}"${arg ? `, ${arg}` : ""})`;
  };
  for (let g = 0; g < groups; g++) {
    lines.push(`    with TaskGroup("region_${g}") as region_${g}:`);
    lines.push(task(`load_${g}`, 3), task(`fetch_${g}`, 0));
    const checks = Array.from({ length: 6 }, (_, c) => `check_${g}_${c}`);
    checks.forEach((id, c) => lines.push(task(id, g + c)));
    lines.push(task(`publish_${g}`, 2), task(`notify_${g}`, 1));
    const list = `[${checks.join(", ")}]`;
    lines.push(`        load_${g} >> ${list}`, `        fetch_${g} >> ${list}`, `        ${list} >> publish_${g}`, `        ${list} >> notify_${g}`);
  }
  const half = Math.ceil(groups / 2);
  const laneA = Array.from({ length: half }, (_, i) => `region_${i}`);
  const laneB = Array.from({ length: groups - half }, (_, i) => `region_${half + i}`);
  lines.push(`    ${laneA.join(" >> ")}`);
  if (laneB.length > 0) lines.push(`    ${laneB.join(" >> ")}`);
  lines.push("");
  return lines.join("\n");
}

/** A plain chain of `n` Airflow tasks: taller than any view at a readable size. */
export function longAirflowChain(n: number): string {
  const lines = [
    "from datetime import datetime",
    "",
    "from airflow import DAG",
    "from airflow.operators.bash import BashOperator",
    "",
    'with DAG("long_chain", start_date=datetime(2024, 1, 1)) as dag:',
  ];
  for (let i = 0; i < n; i++) lines.push(`    step_${i} = BashOperator(task_id="step_${i}", bash_command="echo ${i}")`);
  lines.push(`    ${Array.from({ length: n }, (_, i) => `step_${i}`).join(" >> ")}`);
  lines.push("");
  return lines.join("\n");
}

/* ------------------------------------------------------------------------------------------------------------ */
/* The editor                                                                                                   */
/* ------------------------------------------------------------------------------------------------------------ */

export const graphView = (page: Page) => page.getByTestId("graph-view");
export const codeContent = (page: Page) => page.getByTestId("code-editor").locator(".cm-content");
/** Leaf nodes (not group frames) of the graph view. */
export const leafNodes = (page: Page) => graphView(page).locator(".react-flow__node-workflow");
/** The node whose label is `label` (its accessible name starts "label, what it is"). */
export const nodeLabelled = (page: Page, label: string): Locator =>
  graphView(page).locator(`.react-flow__node[aria-label^="${label},"]`);

/** Replaces the editor's text the way a person pasting would: one input, no auto-indent or bracket closing. */
export async function pasteCode(page: Page, code: string): Promise<void> {
  await codeContent(page).click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(code);
}

/** Opens the editor with `code` in it and waits until the drawing settled (layout done, no animation). */
export async function openWith(page: Page, code: string, expectLabels: string[]): Promise<void> {
  await page.goto("/editor");
  // The first load of the editor chunk can be slow on a busy machine.
  await expect(codeContent(page)).toBeVisible({ timeout: 30_000 });
  await pasteCode(page, code);
  for (const label of expectLabels) await expect(nodeLabelled(page, label).first()).toBeVisible();
  await settled(page);
}

/** Waits for the layout worker (aria-busy off) and for the viewport to stop moving. */
export async function settled(page: Page): Promise<void> {
  await expect(graphView(page).locator("[aria-busy=true]")).toHaveCount(0);
  let last = "";
  for (let i = 0; i < 40; i++) {
    const now = await viewportTransform(page);
    if (now === last) return;
    last = now;
    await page.waitForTimeout(120);
  }
}

export async function viewportTransform(page: Page): Promise<string> {
  return (await graphView(page).locator(".react-flow__viewport").getAttribute("style")) ?? "";
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Reading the drawing                                                                                          */
/* ------------------------------------------------------------------------------------------------------------ */

export interface DrawnEdge {
  id: string;
  source: string;
  target: string;
  name: string;
  /** The drawn path sampled every 2 units, in drawing coordinates. */
  points: Array<[number, number]>;
  /** Same, in screen pixels. */
  screen: Array<[number, number]>;
  dash: string | null;
}

export interface DrawnBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Drawing {
  nodes: DrawnBox[];
  edges: DrawnEdge[];
  labels: Array<DrawnBox & { text: string }>;
  canvas: DrawnBox;
  zoom: number;
}

/** The drawing as the browser shows it: leaf-node boxes, edge paths (sampled) and edge-label boxes, in screen px. */
export async function readDrawing(page: Page): Promise<Drawing> {
  return graphView(page).evaluate((root) => {
    const box = (r: DOMRect, id: string) => ({ id, x: r.x, y: r.y, width: r.width, height: r.height });
    const nodes = [...root.querySelectorAll<HTMLElement>(".react-flow__node-workflow")].map((n) => box(n.getBoundingClientRect(), n.dataset.id ?? ""));
    const edges = [...root.querySelectorAll<SVGGElement>("g.react-flow__edge")].map((g) => {
      const path = g.querySelector<SVGPathElement>("path.react-flow__edge-path")!;
      const ctm = path.getScreenCTM()!;
      const length = path.getTotalLength();
      const points: Array<[number, number]> = [];
      const screen: Array<[number, number]> = [];
      for (let s = 0; s <= length; s += 2) {
        const p = path.getPointAtLength(s);
        points.push([p.x, p.y]);
        const q = new DOMPoint(p.x, p.y).matrixTransform(ctm);
        screen.push([q.x, q.y]);
      }
      const end = path.getPointAtLength(length);
      points.push([end.x, end.y]);
      const q = new DOMPoint(end.x, end.y).matrixTransform(ctm);
      screen.push([q.x, q.y]);
      return {
        id: g.dataset.id ?? "",
        source: g.dataset.source ?? "",
        target: g.dataset.target ?? "",
        name: g.getAttribute("aria-label") ?? "",
        points,
        screen,
        dash: path.style.strokeDasharray || null,
      };
    });
    const labels = [...root.querySelectorAll<SVGGElement>("g.wf-edge-label")].map((g) => ({
      ...box(g.querySelector("rect")!.getBoundingClientRect(), g.closest<SVGGElement>("g.react-flow__edge")?.dataset.id ?? ""),
      text: g.textContent ?? "",
    }));
    const canvas = root.querySelector(".react-flow")!.getBoundingClientRect();
    const transform = root.querySelector<HTMLElement>(".react-flow__viewport")!.style.transform;
    const zoom = Number(/scale\(([\d.]+)\)/.exec(transform)?.[1] ?? 1);
    return { nodes, edges, labels, canvas: box(canvas, "canvas"), zoom };
  });
}

const inside = (p: [number, number], b: DrawnBox, margin: number) =>
  p[0] > b.x + margin && p[0] < b.x + b.width - margin && p[1] > b.y + margin && p[1] < b.y + b.height - margin;

/** Edges that pass through the box of a node other than their own two ends (`margin` screen px inside the box). */
export function edgesThroughNodes(drawing: Drawing, margin = 3): string[] {
  const faults: string[] = [];
  for (const e of drawing.edges) {
    for (const n of drawing.nodes) {
      if (n.id === e.source || n.id === e.target) continue;
      if (e.screen.some((p) => inside(p, n, margin))) faults.push(`${e.name} crosses ${n.id}`);
    }
  }
  return faults;
}

/** How long (drawing units) a part of edge `a` runs within `gap` units of edge `b`. */
export function sharedLength(a: DrawnEdge, b: DrawnEdge, gap = 3): number {
  const distance = (p: [number, number]) => {
    let best = Infinity;
    for (let i = 1; i < b.points.length; i++) {
      const [x1, y1] = b.points[i - 1]!;
      const [x2, y2] = b.points[i]!;
      const dx = x2 - x1;
      const dy = y2 - y1;
      const l2 = dx * dx + dy * dy;
      const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - x1) * dx + (p[1] - y1) * dy) / l2));
      best = Math.min(best, Math.hypot(p[0] - (x1 + t * dx), p[1] - (y1 + t * dy)));
    }
    return best;
  };
  let shared = 0;
  for (let i = 1; i < a.points.length; i++) {
    if (distance(a.points[i]!) <= gap && distance(a.points[i - 1]!) <= gap) {
      shared += Math.hypot(a.points[i]![0] - a.points[i - 1]![0], a.points[i]![1] - a.points[i - 1]![1]);
    }
  }
  return shared;
}

const overlaps = (a: DrawnBox, b: DrawnBox) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Edge labels that overlap a node or another label. */
export function labelFaults(drawing: Drawing): string[] {
  const faults: string[] = [];
  drawing.labels.forEach((label, i) => {
    for (const n of drawing.nodes) if (overlaps(label, n)) faults.push(`label "${label.text}" over node ${n.id}`);
    for (const other of drawing.labels.slice(i + 1)) if (overlaps(label, other)) faults.push(`label "${label.text}" over label "${other.text}"`);
  });
  return faults;
}

/** The edge from the node labelled `from` to the one labelled `to` (by the edge's accessible name). */
export function edgeBetween(drawing: Drawing, from: string, to: string): DrawnEdge | undefined {
  return drawing.edges.find((e) => e.name === `${from} to ${to}` || e.name.startsWith(`${from} to ${to},`));
}

/** Every node's box lies inside the canvas (the part of the drawing on screen). */
export function nodesOutsideCanvas(drawing: Drawing, slack = 1): string[] {
  const c = drawing.canvas;
  return drawing.nodes
    .filter((n) => n.x < c.x - slack || n.y < c.y - slack || n.x + n.width > c.x + c.width + slack || n.y + n.height > c.y + c.height + slack)
    .map((n) => n.id);
}

/**
 * Steps declared in the reverse of their flow, so Tab order (the flow's) differs from the script's order.
 * Modelled on LangGraph's Graph API quick start (a sequence of nodes).
 */
export const REVERSED_DECLARATIONS = `from typing import TypedDict

from langgraph.graph import END, START, StateGraph


class Post(TypedDict):
    topic: str
    notes: str
    draft: str


def publish(state: Post):
    return state


def write_draft(state: Post):
    """Turn the notes into a draft."""
    return state


def research(state: Post):
    return state


builder = StateGraph(Post)
builder.add_node("publish", publish)
builder.add_node("write_draft", write_draft)
builder.add_node("research", research)
builder.add_edge(START, "research")
builder.add_edge("research", "write_draft")
builder.add_edge("write_draft", "publish")
builder.add_edge("publish", END)
graph = builder.compile()
`;

/** The node element that has keyboard focus: its label (before the first comma of its accessible name). */
export async function focusedNodeLabel(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    if (!active?.classList.contains("react-flow__node")) return null;
    return (active.getAttribute("aria-label") ?? "").split(",")[0] ?? null;
  });
}
