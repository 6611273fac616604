/**
 * LangGraph's prebuilt graphs, drawn as LangGraph draws them:
 * - `create_react_agent(model, tools=[…])` (and LangChain v1's `create_agent`, whose model node is "model"): START →
 *   agent, agent → tools and agent → END (conditional), tools → agent; an empty tool list leaves agent → END only;
 *   `pre_model_hook`, `post_model_hook` and `response_format` add LangGraph's own nodes for them.
 * - `create_supervisor([agent, …], model=…)` (langgraph-supervisor): START → supervisor, supervisor → each agent
 *   and END (conditional), each agent → supervisor; each agent is a subgraph named by its `name=`.
 */
import type { SyntaxNode } from "@lezer/common";
import { getArg, sequenceItems, stringValue, type Arg } from "../syntax";
import { END, START, callableName, functionOf } from "./langgraph-names";
import type { LangGraphState, LgValue } from "./langgraph-state";

export const PREBUILT_AGENTS = new Set(["create_react_agent", "create_tool_calling_executor", "create_agent"]);
export const PREBUILT_SUPERVISORS = new Set(["create_supervisor"]);

function nameArg(state: LangGraphState, args: Arg[], kw: string): string | null {
  const n = getArg(args, -1, kw);
  return n ? stringValue(state.ctx.code, n) : null;
}

/** A prebuilt ReAct agent: a compiled graph of its own (a group), or a subgraph once added to a parent graph. */
export function prebuiltAgent(state: LangGraphState, call: SyntaxNode, callee: string, args: Arg[], label: string): LgValue {
  const g = state.ctx.graph;
  const graphName = nameArg(state, args, "name");
  const b = state.newBuilder(call, graphName ?? label, callee, graphName);
  const agent = callee === "create_agent" ? "model" : "agent";
  const toolsArg = getArg(args, 1, "tools");
  const hasTools = !(toolsArg && sequenceItems(toolsArg)?.length === 0);
  const pre = getArg(args, -1, "pre_model_hook");
  const post = getArg(args, -1, "post_model_hook");
  const structured = getArg(args, -1, "response_format");
  const hook = (name: string, value: SyntaxNode): string =>
    state.declareNode(b, name, value, "node", callableName(state.ctx, value), functionOf(state.ctx, value));

  const start = state.ensureNode(b, START, call, false);
  const agentId = state.declareNode(b, agent, call, "agent", callee);
  const entry = pre ? hook("pre_model_hook", pre) : agentId;
  if (pre) g.addEdge(entry, agentId, "flow");
  g.addEdge(start, entry, "flow");
  const tools = hasTools ? state.declareNode(b, "tools", toolsArg ?? call, "tools", "ToolNode") : null;
  if (tools) g.addEdge(tools, entry, "flow");
  const finish = structured ? state.declareNode(b, "generate_structured_response", structured, "node") : state.ensureNode(b, END, call, false);
  if (structured) g.addEdge(finish, state.ensureNode(b, END, call, false), "flow");
  const router = post ? hook("post_model_hook", post) : agentId;
  if (post) g.addEdge(agentId, router, "flow");
  if (!tools && !post) {
    g.addEdge(agentId, finish, "flow");
    return { kind: "compiled", b };
  }
  if (tools) g.addEdge(router, tools, "conditional");
  if (post && tools) g.addEdge(router, entry, "conditional");
  g.addEdge(router, finish, tools ? "conditional" : "flow");
  return { kind: "compiled", b };
}

/** `create_supervisor(agents, model=…)`: a builder (compiled later) around a supervisor node and its agents. */
export function prebuiltSupervisor(state: LangGraphState, call: SyntaxNode, callee: string, args: Arg[], label: string): LgValue {
  const g = state.ctx.graph;
  const b = state.newBuilder(call, label, callee);
  const supervisorName = nameArg(state, args, "supervisor_name") ?? "supervisor";
  const supervisor = state.declareNode(b, supervisorName, call, "agent", callee);
  g.addEdge(state.ensureNode(b, START, call, false), supervisor, "flow");
  g.addEdge(supervisor, state.ensureNode(b, END, call, false), "conditional");
  const agents = getArg(args, 0, "agents");
  for (const item of (agents && sequenceItems(agents)) ?? []) {
    const value = state.evaluate(item);
    if (!value) continue;
    const name = value.b.graphName ?? callableName(state.ctx, item);
    if (!name) continue;
    const id = state.declareNode(b, name, item, "subgraph", callableName(state.ctx, item) ?? value.b.madeBy);
    state.subgraphs.push({ nodeId: id, parent: b, sub: value.b });
    g.addEdge(supervisor, id, "conditional");
    g.addEdge(id, supervisor, "flow");
  }
  return { kind: "builder", b };
}
