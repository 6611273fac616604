import type { Example } from "./types";

export const prefectReport: Example = {
  slug: "prefect-report",
  title: "Prefect daily revenue report",
  description: "Fetch orders and refunds, compute revenue per region, render a chart and email it.",
  framework: "Prefect",
  dialect: "prefect",
  code: `from datetime import date

import httpx
from prefect import flow, task

API = "https://shop.example.com/api"


@task(retries=3, retry_delay_seconds=10)
def fetch_orders(day: date) -> list[dict]:
    return httpx.get(f"{API}/orders", params={"day": day.isoformat()}).json()


@task(retries=3, retry_delay_seconds=10)
def fetch_refunds(day: date) -> list[dict]:
    return httpx.get(f"{API}/refunds", params={"day": day.isoformat()}).json()


@task
def revenue_by_region(orders: list[dict], refunds: list[dict]) -> dict[str, float]:
    totals: dict[str, float] = {}
    for order in orders:
        totals[order["region"]] = totals.get(order["region"], 0.0) + order["amount"]
    for refund in refunds:
        totals[refund["region"]] -= refund["amount"]
    return totals


@task
def render_chart(totals: dict[str, float]) -> bytes:
    lines = [f"{region}: {amount:,.2f}" for region, amount in sorted(totals.items())]
    return "\\n".join(lines).encode()


@task
def email_report(chart: bytes, recipients: list[str]) -> None:
    print(f"sending {len(chart)} bytes to {', '.join(recipients)}")


@task
def archive(totals: dict[str, float], day: date) -> None:
    print(f"archived {len(totals)} regions for {day}")


@flow(name="daily-revenue", log_prints=True)
def daily_revenue(day: date = date.today()):
    orders = fetch_orders(day)
    refunds = fetch_refunds.submit(day)
    totals = revenue_by_region(orders, refunds.result())
    chart = render_chart(totals)
    email_report(chart, ["finance@example.com"])
    archive(totals, day)


if __name__ == "__main__":
    daily_revenue()
`,
};
