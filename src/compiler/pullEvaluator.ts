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
export function pullEvaluator<V>(memo: Map<string, V>, compute: ComputeOutput<V>, sourceOf: SourceOf): (nodeId: string, port: string) => V {
  const pull = (nodeId: string, port: string): V => {
    const wanted = portKey(nodeId, port);
    const known = memo.get(wanted);
    if (known !== undefined) return known;
    const stack: PortRef[] = [{ nodeId, port }];
    const pending = new Set([wanted]);
    while (stack.length) {
      const top = stack[stack.length - 1];
      let running = true;
      const input = (p: string): V | undefined => {
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
        const key = portKey(e.source.nodeId, e.source.port);
        if (pending.has(key)) throw new Error(`The graph has a cycle through ${e.source.nodeId}: a model must flow one way, from data and priors to the loss.`);
        pending.add(key);
        stack.push(e.source);
        continue;
      } finally {
        running = false;
      }
      const key = portKey(top.nodeId, top.port);
      memo.set(key, value);
      pending.delete(key);
      stack.pop();
    }
    return memo.get(wanted)!;
  };
  return pull;
}
