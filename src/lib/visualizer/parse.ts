/**
 * Parsing with our build of @lezer/python's grammar (./grammar), the parser the editor's Python language runs
 * too. The editor can hand its own (incrementally parsed) tree to `visualizeTree`; `parseIncremental` reuses a
 * previous tree's fragments.
 */
import { TreeFragment, type ChangedRange, type Tree } from "@lezer/common";
import { parser } from "./grammar";

export type { ChangedRange, Tree };

/** A full parse of a Python source text. Never throws for any input. */
export function parsePython(code: string): Tree {
  return parser.parse(code);
}

/**
 * The one range that differs between two texts (common prefix and suffix removed), in the shape
 * `TreeFragment.applyChanges` takes. Empty when the texts are equal.
 */
export function diffText(prevCode: string, newCode: string): ChangedRange[] {
  if (prevCode === newCode) return [];
  const max = Math.min(prevCode.length, newCode.length);
  let start = 0;
  while (start < max && prevCode.charCodeAt(start) === newCode.charCodeAt(start)) start++;
  let endA = prevCode.length;
  let endB = newCode.length;
  while (endA > start && endB > start && prevCode.charCodeAt(endA - 1) === newCode.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  return [{ fromA: start, toA: endA, fromB: start, toB: endB }];
}

/** Fragments of `prevTree` still valid after `changes` (computed from the two texts when omitted). */
export function reusableFragments(
  prevTree: Tree,
  prevCode: string,
  newCode: string,
  changes?: readonly ChangedRange[],
): readonly TreeFragment[] {
  const ranges = changes ?? diffText(prevCode, newCode);
  return TreeFragment.applyChanges(TreeFragment.addTree(prevTree), ranges);
}

/**
 * Parses `newCode` reusing the parts of `prevTree` (the tree of `prevCode`) that an edit did not touch.
 * `changes` are the edited ranges (as CodeMirror's `ChangeSet` reports them); when omitted they are
 * computed by diffing the two texts.
 */
export function parseIncremental(
  prevTree: Tree,
  prevCode: string,
  newCode: string,
  changes?: readonly ChangedRange[],
): Tree {
  return parser.parse(newCode, reusableFragments(prevTree, prevCode, newCode, changes));
}
