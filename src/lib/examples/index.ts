/**
 * The built-in example workflows: one per dialect the visualizer reads. Pure data, so the home page (a server
 * component) can draw their thumbnails and the editor can preload one with `/editor?example=<slug>`.
 */
import { airflowBackup } from "./airflow-backup";
import { dagsterLogs } from "./dagster-logs";
import { kedroTraining } from "./kedro-training";
import { langgraphAgent } from "./langgraph-agent";
import { prefectReport } from "./prefect-report";
import { pythonCrawler } from "./python-crawler";
import type { Example } from "./types";

export type { Example } from "./types";

export const EXAMPLES: readonly Example[] = [
  langgraphAgent,
  airflowBackup,
  prefectReport,
  dagsterLogs,
  pythonCrawler,
  kedroTraining,
];

export function findExample(slug: string | null | undefined): Example | undefined {
  return slug ? EXAMPLES.find((example) => example.slug === slug) : undefined;
}
