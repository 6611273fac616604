import type { Example } from "./types";

export const dagsterLogs: Example = {
  slug: "dagster-logs",
  title: "Dagster log statistics",
  description: "Split a day of web server logs, parse each file in parallel and publish error statistics.",
  framework: "Dagster",
  dialect: "dagster",
  code: `from collections import Counter

from dagster import DynamicOut, DynamicOutput, job, op


@op
def list_log_files() -> list[str]:
    """The access logs of yesterday, one file per web server."""
    return ["web-1.log", "web-2.log", "web-3.log"]


@op(out=DynamicOut())
def split_files(files: list[str]):
    for name in files:
        yield DynamicOutput(name, mapping_key=name.replace("-", "_").replace(".", "_"))


@op
def parse_file(name: str) -> Counter:
    counts: Counter = Counter()
    with open(f"/var/log/nginx/{name}") as log:
        for line in log:
            status = line.split()[8]
            counts[status] += 1
    return counts


@op
def merge_counts(parts: list[Counter]) -> Counter:
    total: Counter = Counter()
    for part in parts:
        total.update(part)
    return total


@op
def error_rate(counts: Counter) -> float:
    errors = sum(n for status, n in counts.items() if status.startswith("5"))
    return errors / max(sum(counts.values()), 1)


@op
def publish(counts: Counter, rate: float) -> None:
    print(f"{sum(counts.values())} requests, error rate {rate:.2%}")


@job
def log_statistics():
    parts = split_files(list_log_files()).map(parse_file)
    counts = merge_counts(parts.collect())
    publish(counts, error_rate(counts))
`,
};
