/**
 * The second half of `npm run build`: compiles the server (src/server/start.ts, the migration step and the graph
 * worker thread) with esbuild into dist/server/, to run with plain `node` — no tsx, no TypeScript at run time.
 * Packages stay in node_modules (imported, not bundled); our own code, the `~/` paths and the generated Prisma
 * client are bundled.
 */
import { rmSync } from "node:fs";
import { build } from "esbuild";

const started = performance.now();
rmSync("dist/server", { recursive: true, force: true });
await build({
  entryPoints: {
    start: "src/server/start.ts",
    migrate: "src/server/migrate.ts",
    // src/server/graph-work/start.ts starts ./worker.js beside the compiled server.
    worker: "src/server/graph-work/worker.ts",
  },
  outdir: "dist/server",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  tsconfig: "tsconfig.json",
  // Dynamic imports stay apart (loaded when reached): Next only after start.ts has set NODE_ENV, the schema
  // engine never in the serving process. Chunks sit beside the entries, where graph-work finds ./worker.js.
  splitting: true,
  chunkNames: "[name]-[hash]",
  sourcemap: "linked",
  logLevel: "warning",
  // Bundled CommonJS-style code may call require(): give the ES module one.
  banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
});
process.stdout.write(`compiled the server into dist/server/ in ${Math.round(performance.now() - started)} ms\n`);
