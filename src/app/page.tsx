import Link from "next/link";
import type { ReactNode } from "react";
import { GraphThumbnail } from "~/components/graph/graph-thumbnail";
import { buttonClass } from "~/components/ui/button";
import { EXAMPLES, findExample, type Example } from "~/lib/examples";
import { layoutGraph } from "~/lib/graph-layout/layout";
import { visualize } from "~/lib/visualizer";

/**
 * The home page: what the product does, a way into the editor, and the examples gallery. A server component
 * that ships no editor or graph library: thumbnails are SVG pictures drawn here.
 */
export default function HomePage() {
  const hero = findExample("langgraph-agent")!;
  return (
    <main className="flex flex-col">
      <section className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950">
        <div className="mx-auto grid max-w-6xl items-center gap-10 px-6 py-14 lg:grid-cols-[1fr_1.1fr] lg:py-20">
          <div className="flex flex-col gap-6">
            <p className="inline-flex w-fit items-center gap-2 rounded-full bg-indigo-50 px-3 py-1 text-xs font-semibold tracking-wide text-indigo-700 uppercase dark:bg-indigo-950 dark:text-indigo-300">
              Python workflows, drawn live
            </p>
            <h1 className="text-4xl font-bold tracking-tight text-balance text-slate-900 sm:text-5xl dark:text-white">
              See your workflow as you write it
            </h1>
            <p className="max-w-xl text-lg text-pretty text-slate-600 dark:text-slate-300">
              Write a LangGraph, Airflow, Prefect, Dagster or Kedro pipeline — or a plain Python script — and Workflow
              Studio draws its graph as you type. Click a node to jump to its code. Sign up to keep your workflows and
              load them back any time.
            </p>
            <div className="flex flex-wrap items-center gap-3">
              <Link href="/editor" className={buttonClass("primary", "md", "h-11 px-5 text-base")}>
                Open the editor
                <span aria-hidden="true">→</span>
              </Link>
              <a href="#examples" className={buttonClass("secondary", "md", "h-11 px-5 text-base")}>
                Browse examples
              </a>
            </div>
            <p className="text-sm text-slate-500 dark:text-slate-400">No account needed to try it.</p>
          </div>
          <HeroWindow example={hero} />
        </div>
      </section>

      <section aria-labelledby="features" className="mx-auto w-full max-w-6xl px-6 py-12">
        <h2 id="features" className="sr-only">
          What it does
        </h2>
        <ul className="grid gap-6 sm:grid-cols-3">
          <Feature title="Live as you type">
            The graph redraws a moment after each keystroke. A typo keeps the last good drawing up and points at the
            line.
          </Feature>
          <Feature title="Code and graph, linked">
            Click a node to select its code; move the cursor and its node lights up. Export the drawing as PNG, SVG
            or Mermaid.
          </Feature>
          <Feature title="Yours to keep">
            Save workflows to your account, find them in your dashboard, and pick up where you left off.
          </Feature>
        </ul>
      </section>

      <section
        id="examples"
        aria-labelledby="examples-title"
        className="mx-auto w-full max-w-6xl scroll-mt-20 px-6 pb-20"
      >
        <div className="mb-6 flex flex-col gap-1">
          <h2 id="examples-title" className="text-2xl font-bold tracking-tight text-slate-900 dark:text-white">
            Start from an example
          </h2>
          <p className="text-slate-600 dark:text-slate-400">
            Six small, real-world workflows, one per framework. Open one, change it, watch the graph follow.
          </p>
        </div>
        <ul className="grid gap-5 sm:grid-cols-2 lg:grid-cols-3">
          {EXAMPLES.map((example) => (
            <li key={example.slug}>
              <ExampleCard example={example} />
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}

function Feature({ title, children }: { title: string; children: ReactNode }) {
  return (
    <li className="flex flex-col gap-1.5">
      <h3 className="font-semibold text-slate-900 dark:text-white">{title}</h3>
      <p className="text-sm text-slate-600 dark:text-slate-400">{children}</p>
    </li>
  );
}

function Thumbnail({ example, className = "" }: { example: Example; className?: string }) {
  const graph = visualize(example.code);
  const layout = layoutGraph(graph, { direction: "TB" });
  const alt = `Graph of ${example.title}`;
  return (
    <>
      <GraphThumbnail graph={graph} layout={layout} alt={alt} theme="light" className={`dark:hidden ${className}`} />
      <GraphThumbnail graph={graph} layout={layout} alt={alt} theme="dark" className={`hidden dark:block ${className}`} />
    </>
  );
}

/**
 * An example: the whole card opens it (the link's ::after covers the card), but the link's name is its own words
 * plus the title for screen readers — "Open <title> in the editor" — not the card's whole text.
 */
function ExampleCard({ example }: { example: Example }) {
  const graph = visualize(example.code);
  const steps = graph.nodes.filter((n) => n.kind !== "group").length;
  return (
    <div className="group relative flex h-full flex-col overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm transition hover:-translate-y-0.5 hover:border-indigo-300 hover:shadow-md dark:border-slate-800 dark:bg-slate-900 dark:hover:border-indigo-700">
      <div className="flex h-56 items-center justify-center border-b border-slate-100 bg-slate-50 p-2 dark:border-slate-800 dark:bg-slate-950">
        <Thumbnail example={example} />
      </div>
      <div className="flex flex-1 flex-col gap-2 p-4">
        <div className="flex items-center gap-2 text-xs font-medium">
          <span className="rounded-full bg-indigo-50 px-2 py-0.5 text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300">
            {example.framework}
          </span>
          <span className="text-slate-500 dark:text-slate-400">{steps} steps</span>
        </div>
        <h3 className="font-semibold text-slate-900 dark:text-white">{example.title}</h3>
        <p className="flex-1 text-sm text-slate-600 dark:text-slate-400">{example.description}</p>
        <Link
          href={`/editor?example=${example.slug}`}
          className="mt-1 inline-flex items-center gap-1 text-sm font-semibold text-indigo-700 outline-none group-hover:gap-2 after:absolute after:inset-0 after:rounded-xl focus-visible:after:outline-2 focus-visible:after:outline-offset-2 focus-visible:after:outline-indigo-500 dark:text-indigo-300"
        >
          <span>
            Open <span className="sr-only">{example.title} </span>in the editor
          </span>
          <span aria-hidden="true">→</span>
        </Link>
      </div>
    </div>
  );
}

const KEYWORDS = new Set(["from", "import", "def", "return", "class", "if", "else", "for", "in", "with", "as", "not", "or", "and"]);

/** A tiny highlighter for the hero's excerpt: keywords, strings and comments (no editor needed). */
function highlight(line: string): ReactNode[] {
  const parts: ReactNode[] = [];
  const pattern = /("[^"]*"|'[^']*'|#.*$|\b[A-Za-z_][A-Za-z0-9_]*\b)/g;
  let last = 0;
  for (const match of line.matchAll(pattern)) {
    const token = match[0];
    const at = match.index ?? 0;
    if (at > last) parts.push(line.slice(last, at));
    const cls = token.startsWith("#")
      ? "text-slate-400 italic"
      : token.startsWith('"') || token.startsWith("'")
        ? "text-emerald-700 dark:text-emerald-300"
        : KEYWORDS.has(token)
          ? "text-violet-700 dark:text-violet-300"
          : null;
    parts.push(cls ? <span key={at} className={cls}>{token}</span> : token);
    last = at + token.length;
  }
  if (last < line.length) parts.push(line.slice(last));
  return parts;
}

function HeroWindow({ example }: { example: Example }) {
  const lines = example.code.split("\n");
  const start = lines.findIndex((l) => l.startsWith("builder = StateGraph"));
  const excerpt = lines.slice(start, start + 14);
  return (
    <figure className="overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-xl shadow-slate-900/5 dark:border-slate-800 dark:bg-slate-900 dark:shadow-black/30">
      <div className="flex items-center gap-2 border-b border-slate-200 px-4 py-2.5 dark:border-slate-800">
        <span aria-hidden="true" className="flex gap-1.5">
          <span className="h-2.5 w-2.5 rounded-full bg-red-400" />
          <span className="h-2.5 w-2.5 rounded-full bg-amber-400" />
          <span className="h-2.5 w-2.5 rounded-full bg-emerald-400" />
        </span>
        <figcaption className="ml-2 text-xs font-medium text-slate-500 dark:text-slate-400">research_agent.py</figcaption>
      </div>
      <div className="grid sm:grid-cols-[1.15fr_1fr]">
        <pre className="overflow-hidden border-b border-slate-200 bg-slate-50 p-4 font-mono text-[12px] leading-relaxed text-slate-800 sm:border-r sm:border-b-0 dark:border-slate-800 dark:bg-slate-950 dark:text-slate-200">
          <code>
            {excerpt.map((line, i) => (
              <span key={i} className="block whitespace-pre">
                {highlight(line)}
                {"\n"}
              </span>
            ))}
          </code>
        </pre>
        <div className="flex h-72 items-center justify-center p-4 sm:h-auto">
          <Thumbnail example={example} />
        </div>
      </div>
    </figure>
  );
}
