// The step graph of a procedure: successors (list order unless `next`), cycles, reachability
// and the longest path, which is the time a dossier needs when every step uses its budget.

export interface GraphStep {
  id: string;
  next?: readonly string[];
}

/** Successor ids of each step, in step order; references to unknown steps are kept out. */
export function successors(steps: readonly GraphStep[]): Map<string, string[]> {
  const ids = new Set(steps.map((s) => s.id));
  const out = new Map<string, string[]>();
  steps.forEach((s, i) => {
    const explicit = s.next;
    const following = steps[i + 1];
    const next = explicit ?? (following ? [following.id] : []);
    const known = next.filter((n) => ids.has(n));
    const existing = out.get(s.id);
    // A duplicate id keeps the first step's edges; duplicates are reported elsewhere.
    if (!existing) out.set(s.id, known);
  });
  return out;
}

/** A cycle as the list of ids from a step back to itself, or undefined for an acyclic graph. */
export function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  for (const root of graph.keys()) {
    if (state.has(root)) continue;
    // Iterative depth-first search: a procedure may have up to 200 steps, and recursion is
    // needlessly fragile.
    const stack: { id: string; i: number }[] = [{ id: root, i: 0 }];
    state.set(root, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const next = graph.get(top.id) ?? [];
      if (top.i >= next.length) {
        state.set(top.id, 'done');
        stack.pop();
        continue;
      }
      const n = next[top.i++]!;
      const s = state.get(n);
      if (s === 'open') {
        const from = stack.findIndex((f) => f.id === n);
        return [...stack.slice(from).map((f) => f.id), n];
      }
      if (s === undefined) {
        state.set(n, 'open');
        stack.push({ id: n, i: 0 });
      }
    }
  }
  return undefined;
}

/** Ids reachable from `start` (including it). */
export function reachable(graph: ReadonlyMap<string, readonly string[]>, start: string): Set<string> {
  const seen = new Set<string>([start]);
  const todo = [start];
  while (todo.length > 0) {
    for (const n of graph.get(todo.pop()!) ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        todo.push(n);
      }
    }
  }
  return seen;
}

/**
 * The heaviest path from `start` in an acyclic graph, by the weight of each step: its total and
 * the ids along it. Refuses graphs with cycles (returns undefined).
 */
export function longestPath(
  graph: ReadonlyMap<string, readonly string[]>,
  start: string,
  weight: (id: string) => number,
): { total: number; path: string[] } | undefined {
  if (findCycle(graph)) return undefined;
  // For each node: the heaviest total from it, and the successor that path goes through.
  const memo = new Map<string, { total: number; via: string | undefined }>();
  // Post-order over the reachable nodes, so each node is computed after its successors.
  const order: string[] = [];
  const seen = new Set<string>();
  const stack: { id: string; i: number }[] = [{ id: start, i: 0 }];
  seen.add(start);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const next = graph.get(top.id) ?? [];
    if (top.i >= next.length) {
      order.push(top.id);
      stack.pop();
      continue;
    }
    const n = next[top.i++]!;
    if (!seen.has(n)) {
      seen.add(n);
      stack.push({ id: n, i: 0 });
    }
  }
  for (const id of order) {
    let best: { total: number; via: string | undefined } = { total: 0, via: undefined };
    for (const n of graph.get(id) ?? []) {
      const m = memo.get(n)!;
      if (best.via === undefined || m.total > best.total) best = { total: m.total, via: n };
    }
    memo.set(id, { total: weight(id) + best.total, via: best.via });
  }
  const path: string[] = [];
  for (let id: string | undefined = start; id !== undefined; id = memo.get(id)!.via) path.push(id);
  return { total: memo.get(start)!.total, path };
}
