import type { Dialect } from "../visualizer/types";

/** A built-in example workflow, shown on the home page and opened in the editor with `/editor?example=<slug>`. */
export interface Example {
  slug: string;
  title: string;
  description: string;
  /** The framework's display name. */
  framework: string;
  /** The dialect the visualizer reads it as. */
  dialect: Dialect;
  code: string;
}
