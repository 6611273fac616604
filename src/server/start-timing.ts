/**
 * Where the server's start goes: each phase's duration in ms, logged with the "serving" line (`startMs`), with
 * `loaded` (process start to `serve()`: Node, our modules, the signing key) and `total` (process start to listening).
 * Phases may overlap (the database opens while Next prepares).
 */
export interface StartTiming {
  phase<T>(name: string, run: () => Promise<T>): Promise<T>;
  done(): Record<string, number>;
}

export function startTiming(): StartTiming {
  const phases: Record<string, number> = { loaded: Math.round(performance.now()) };
  return {
    async phase(name, run) {
      const started = performance.now();
      try {
        return await run();
      } finally {
        phases[name] = Math.round(performance.now() - started);
      }
    },
    done: () => ({ ...phases, total: Math.round(performance.now()) }),
  };
}
