// The runtime's lazy pull without recursion. A node's output() asks for its inputs as it
// needs them (so a loss that ignores an input never evaluates it), and the obvious way to
// answer — evaluate the source right there — recurses once per node along a chain: a
// 2,000-layer chain overflows the browser worker's stack. Here an input that is not yet
// known makes output() stop (a private signal, thrown and caught only in this file), its
// source goes on an explicit stack and is evaluated first, and output() runs again, now
// finding the input memoised. The stack never goes deeper than one output() call, whatever
// the graph's depth; what is evaluated, and in which order, is exactly what the recursive
// pull evaluated. A node runs again once per input it found missing, so output() must not
// have effects before its pulls beyond creating tensors (which the step's tidy releases);
// the compiler rewinds the step's seed counter before each retry.
//
// A retry redoes whatever output() computed before the missing pull: an IWAE loss that takes
// the likelihood's log-density [J, B, D] before asking for the prior did that pass twice a
// step. So `learned` remembers which inputs each output pulled when it succeeded, and the next
// evaluation (the next step) evaluates those first: output() then runs once. Laziness is kept,
// since only inputs it actually pulled before are evaluated early; if it pulls others, the
// retry path still answers them.

export interface PortRef {
  nodeId: string;
  port: string;
}

export function portKey(nodeId: string, port: string): string {
  return `${nodeId}\u0000${port}`;
}

/** The signal that stops an output() call whose input is not evaluated yet. Not an Error: it never leaves this module. */
class InputPending {
  constructor(readonly source: PortRef) {}
}

export type ComputeOutput<V> = (nodeId: string, port: string, input: (port: string) => V | undefined) => V;
/** The node output wired into an input port, if any. */
export type SourceOf = (nodeId: string, port: string) => PortRef | undefined;

/** Evaluates node outputs on demand into `memo` (which may hold fixed values up front). */
/** The input ports each output (by portKey) pulled the last time it was evaluated, in order. */
export type LearnedPulls = Map<string, string[]>;

export function pullEvaluator<V>(memo: Map<string, V>, compute: ComputeOutput<V>, sourceOf: SourceOf, learned?: LearnedPulls): (nodeId: string, port: string) => V {
  const pull = (nodeId: string, port: string): V => {
    const wanted = portKey(nodeId, port);
    const known = memo.get(wanted);
    if (known !== undefined) return known;
    const stack: PortRef[] = [{ nodeId, port }];
    // Outputs begun and not finished: each lies below the top of the stack and needs the top
    // (directly or through others), so the top asking for one of them is a cycle.
    const begun = new Set<string>();
    while (stack.length) {
      const top = stack[stack.length - 1];
      const topKey = portKey(top.nodeId, top.port);
      if (memo.get(topKey) !== undefined) {
        stack.pop(); // queued early by a learned pull, and evaluated since for another node
        continue;
      }
      if (!begun.has(topKey)) {
        begun.add(topKey);
        const first = stack.length;
        for (const p of learned?.get(topKey) ?? []) {
          const src = sourceOf(top.nodeId, p);
          const key = src && portKey(src.nodeId, src.port);
          // A begun source would be a cycle: left to the retry path, which names it.
          if (src && key && memo.get(key) === undefined && !begun.has(key)) stack.push(src);
        }
        // The first-pulled input on top, so inputs are evaluated in the order output() asks for them.
        stack.push(...stack.splice(first).reverse());
        if (stack.length > first) continue;
      }
      let running = true;
      const asked: string[] = [];
      const input = (p: string): V | undefined => {
        if (running) asked.push(p);
        const src = sourceOf(top.nodeId, p);
        if (!src) return undefined;
        const v = memo.get(portKey(src.nodeId, src.port));
        if (v !== undefined) return v;
        // A pull from a closure kept past output() (a distribution's method, say) has no
        // call to stop: it gets a walk of its own, just as iterative.
        if (!running) return pull(src.nodeId, src.port);
        throw new InputPending(src);
      };
      let value: V;
      try {
        value = compute(top.nodeId, top.port, input);
      } catch (e) {
        if (!(e instanceof InputPending)) throw e;
        if (begun.has(portKey(e.source.nodeId, e.source.port))) throw new Error(`The graph has a cycle through ${e.source.nodeId}: a model must flow one way, from data and priors to the loss.`);
        stack.push(e.source);
        continue;
      } finally {
        running = false;
      }
      learned?.set(topKey, asked);
      memo.set(topKey, value);
      stack.pop();
    }
    return memo.get(wanted)!;
  };
  return pull;
}
