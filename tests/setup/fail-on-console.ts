/** A console.error or console.warn during a test fails it: such output is a bug we would otherwise miss. */
import { afterEach, beforeEach, vi } from "vitest";

let messages: string[] = [];

beforeEach(() => {
  messages = [];
  for (const method of ["error", "warn"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      messages.push(`console.${method}: ${args.map(String).join(" ")}`);
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  if (messages.length) throw new Error(`The test wrote to the console:\n${messages.join("\n")}`);
});
