/**
 * The browser's forms validate with the server's own zod schemas, but only on submit: the schemas (and zod, ~30 kB
 * gzip) load on first use, or once the page is idle after its first load, not with the page (docs/decisions/083).
 */
import { lazyModule } from "~/lib/lazy";

export const authSchemas = lazyModule(() => import("./auth"));
export const workflowSchemas = lazyModule(() => import("./workflow"));
