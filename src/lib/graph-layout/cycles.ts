/**
 * Which links close a cycle, chosen the way a reader follows the workflow: a depth-first walk from the nodes nothing
 * points to (START, the first task), in node order, marks only the links that go back to a node on the current path
 * (a loop's "go again" edge). Left to a layering heuristic, the forward edge of a loop may be the one reversed,
 * which draws agent → tools → agent upside down. Self links are never back links here (they are drawn as loops).
 * Returns one flag per link; parallel links between the same two nodes get the same flag.
 */
export function backLinks(n: number, links: ReadonlyArray<readonly [number, number]>): boolean[] {
  const out: number[][] = Array.from({ length: n }, () => []);
  const indegree = new Int32Array(n);
  for (const [s, t] of links) {
    if (s === t) continue;
    out[s]!.push(t);
    indegree[t]!++;
  }
  const state = new Uint8Array(n); // 0 unvisited, 1 on the path, 2 done
  const back = new Set<number>(); // s * n + t
  const visit = (root: number) => {
    // Iterative DFS (a long chain must not overflow the stack).
    const stack: Array<[number, number]> = [[root, 0]];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [v, i] = top;
      const targets = out[v]!;
      if (i >= targets.length) {
        state[v] = 2;
        stack.pop();
        continue;
      }
      top[1] = i + 1;
      const t = targets[i]!;
      if (state[t] === 1) back.add(v * n + t);
      else if (state[t] === 0) {
        state[t] = 1;
        stack.push([t, 0]);
      }
    }
  };
  for (let v = 0; v < n; v++) if (indegree[v] === 0 && state[v] === 0) visit(v);
  for (let v = 0; v < n; v++) if (state[v] === 0) visit(v); // cycles nothing enters
  return links.map(([s, t]) => s !== t && back.has(s * n + t));
}
