import type { SourceSpan } from "./types";

/** Offset → 1-based line/column, by binary search over the line starts (built once, O(n)). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly code: string) {
    let i = code.indexOf("\n");
    while (i >= 0) {
      this.starts.push(i + 1);
      i = code.indexOf("\n", i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line of an offset. */
  line(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** 1-based column of an offset. */
  column(offset: number): number {
    const line = this.line(offset);
    return offset - (this.starts[line - 1] ?? 0) + 1;
  }

  span(from: number, to: number): SourceSpan {
    const end = to > from ? to - 1 : from;
    return { from, to, startLine: this.line(from), endLine: this.line(end) };
  }
}
