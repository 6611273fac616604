/** Python scripts the browser tests type or save. */

export const LANGGRAPH_SCRIPT = `from typing import TypedDict

from langgraph.graph import END, START, StateGraph


class State(TypedDict):
    question: str
    notes: list[str]
    answer: str


def plan_research(state: State) -> State:
    return state


def search_web(state: State) -> State:
    return state


def write_report(state: State) -> State:
    return state


builder = StateGraph(State)
builder.add_node("plan_research", plan_research)
builder.add_node("search_web", search_web)
builder.add_node("write_report", write_report)
builder.add_edge(START, "plan_research")
builder.add_edge("plan_research", "search_web")
builder.add_edge("search_web", "write_report")
builder.add_edge("write_report", END)
graph = builder.compile()
`;

export const LANGGRAPH_NODES = ["plan_research", "search_web", "write_report"];

export const AIRFLOW_SCRIPT = `from datetime import datetime

from airflow import DAG
from airflow.operators.bash import BashOperator

with DAG("nightly_backup", start_date=datetime(2024, 1, 1), schedule="@daily") as dag:
    dump = BashOperator(task_id="dump_database", bash_command="pg_dump app > /tmp/app.sql")
    compress = BashOperator(task_id="compress", bash_command="gzip /tmp/app.sql")
    upload = BashOperator(task_id="upload", bash_command="aws s3 cp /tmp/app.sql.gz s3://backups/")
    dump >> compress >> upload
`;

export const PREFECT_SCRIPT = `from prefect import flow, task


@task
def extract():
    return [1, 2, 3]


@task
def transform(rows):
    return [row * 2 for row in rows]


@task
def load(rows):
    print(rows)


@flow
def daily_revenue():
    rows = extract()
    load(transform(rows))
`;

export const PLAIN_SCRIPT = `def fetch(url):
    return url


def parse(page):
    return page


def main():
    page = fetch("https://example.com")
    parse(page)


if __name__ == "__main__":
    main()
`;
