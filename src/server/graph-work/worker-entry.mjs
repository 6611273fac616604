// The graph worker thread's entry when the server runs from TypeScript (`npm run dev`, `npm start` under tsx):
// Node 20 does not carry the parent's tsx loader into worker threads, so the thread registers it itself and then
// loads worker.ts. A compiled server starts worker.js directly (start.ts chooses).
import { register } from "tsx/esm/api";

register();
await import(new URL("./worker.ts", import.meta.url).href);
