import type { Example } from "./types";

export const langgraphAgent: Example = {
  slug: "langgraph-agent",
  title: "LangGraph research agent",
  description: "A planner, a tool-calling researcher and a writer that loops until the draft passes review.",
  framework: "LangGraph",
  dialect: "langgraph",
  code: `from typing import Annotated, Literal, TypedDict

from langgraph.graph import END, START, StateGraph
from langgraph.graph.message import add_messages
from langgraph.prebuilt import ToolNode

from research.llm import model, search_tools


class ResearchState(TypedDict):
    messages: Annotated[list, add_messages]
    plan: list[str]
    draft: str
    revisions: int


def plan_research(state: ResearchState):
    """Break the question into a few searchable sub-questions."""
    reply = model.invoke(["Plan the research for:", *state["messages"]])
    return {"plan": reply.content.splitlines(), "revisions": 0}


def research(state: ResearchState):
    """Ask the model which tools to call for the next open question."""
    reply = model.bind_tools(search_tools).invoke(state["messages"])
    return {"messages": [reply]}


def needs_tools(state: ResearchState) -> Literal["tools", "write"]:
    last = state["messages"][-1]
    return "tools" if last.tool_calls else "write"


def write_report(state: ResearchState):
    draft = model.invoke(["Write a short report from:", *state["messages"]])
    return {"draft": draft.content, "revisions": state["revisions"] + 1}


def review(state: ResearchState) -> Literal["research", "__end__"]:
    if state["revisions"] >= 3 or "TODO" not in state["draft"]:
        return END
    return "research"


builder = StateGraph(ResearchState)
builder.add_node("plan", plan_research)
builder.add_node("research", research)
builder.add_node("tools", ToolNode(search_tools))
builder.add_node("write", write_report)

builder.add_edge(START, "plan")
builder.add_edge("plan", "research")
builder.add_conditional_edges("research", needs_tools)
builder.add_edge("tools", "research")
builder.add_conditional_edges("write", review)

graph = builder.compile()
`,
};
