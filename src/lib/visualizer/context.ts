/** What every dialect extractor receives: the source, its tree, the module index and the graph being built. */
import type { SyntaxNode, Tree } from "@lezer/common";
import type { GraphBuilder } from "./graph-builder";
import type { LineIndex } from "./lines";
import type { FunctionInfo, ModuleIndex } from "./module-index";
import { text } from "./syntax";
import type { Dialect, SourceSpan, VisualizeOptions } from "./types";

export class Ctx {
  constructor(
    readonly code: string,
    readonly tree: Tree,
    readonly lines: LineIndex,
    readonly index: ModuleIndex,
    readonly graph: GraphBuilder,
    readonly dialect: Dialect,
    readonly options: VisualizeOptions = {},
  ) {}

  text(node: SyntaxNode): string {
    return text(this.code, node);
  }

  span(node: SyntaxNode): SourceSpan {
    return this.lines.span(node.from, node.to);
  }

  /** A script-defined function by name. */
  fn(name: string): FunctionInfo | undefined {
    return this.index.functions.get(name);
  }

  warn(node: SyntaxNode, message: string): void {
    this.graph.diagnostics.push({
      severity: "warning",
      message,
      line: this.lines.line(node.from),
      column: this.lines.column(node.from),
      from: node.from,
      to: node.to,
    });
  }
}
