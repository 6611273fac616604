// Preloaded into a server under test (node --expose-gc --import …): on SIGUSR2 it collects garbage twice and writes
// process.memoryUsage() to MEMORY_PROBE_FILE, so a test can tell live memory from memory not yet collected.
import { writeFileSync } from "node:fs";

process.on("SIGUSR2", () => {
  globalThis.gc?.();
  globalThis.gc?.();
  writeFileSync(process.env.MEMORY_PROBE_FILE ?? "/dev/null", JSON.stringify({ at: Date.now(), ...process.memoryUsage() }));
});
