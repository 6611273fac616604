export default function HomePage() {
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-6 px-6 py-16">
      <h1 className="text-4xl font-bold tracking-tight">Workflow Studio</h1>
      <p className="text-lg text-slate-600 dark:text-slate-300">
        Write a Python workflow script — LangGraph, Airflow, Prefect, Dagster, Kedro or plain Python — and see it drawn
        as a graph the moment you type it. Keep your workflows in your account and load them back into the editor.
      </p>
    </main>
  );
}
