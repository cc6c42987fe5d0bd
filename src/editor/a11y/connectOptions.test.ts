import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseGraphText } from '../../graph/parse';
import type { GraphDoc } from '../../graph/document';
import { checkViewConnection } from '../../store/blockConnection';
import { portChoices, targetChoices, type PortChoice } from './connectOptions';

function ppcaWithout(source: string, target: string): GraphDoc {
  const r = parseGraphText(readFileSync('graphs/ppca.json', 'utf8'), 'ppca.json');
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return { ...r.doc, edges: r.doc.edges.filter((e) => !(e.source === source && e.target === target)) };
}

const ends = (doc: GraphDoc, id: string, choice: PortChoice) => targetChoices(doc, id, choice).map((t) => `${t.connection.source}.${t.connection.sourcePort}>${t.connection.target}.${t.connection.targetPort}`);

describe('the keyboard connect choices', () => {
  it('list a node’s inputs and outputs from its spec', () => {
    const doc = ppcaWithout('decoder', 'likelihood');
    expect(portChoices(doc, 'decoder').map((p) => `${p.side}:${p.port}:${p.kind}`)).toEqual(['in:in:tensor', 'out:out:tensor']);
    expect(portChoices(doc, 'nowhere')).toEqual([]);
  });

  it('offer, for an output, the free inputs of its kind elsewhere', () => {
    const doc = ppcaWithout('decoder', 'likelihood');
    const offered = ends(doc, 'decoder', { side: 'out', port: 'out', label: 'out', kind: 'tensor' });
    expect(offered).toContain('decoder.out>likelihood.mean');
    // loss.x is taken, the distribution inputs are the wrong kind, the decoder is not its own target.
    expect(offered).not.toContain('decoder.out>loss.x');
    expect(offered.some((o) => o.includes('>sampler.') || o.includes('>decoder.'))).toBe(false);
  });

  it('offer, for an input, the outputs that may feed it, never one that closes a cycle', () => {
    const doc = ppcaWithout('prior', 'sampler');
    const offered = ends(doc, 'sampler', { side: 'in', port: 'dist', label: 'dist', kind: 'dist' });
    expect(offered).toContain('prior.dist>sampler.dist');
    expect(offered).not.toContain('likelihood.dist>sampler.dist'); // sampler → decoder → likelihood
  });

  it('never offer what the canvas would refuse', () => {
    const doc = ppcaWithout('decoder', 'likelihood');
    for (const node of doc.nodes)
      for (const choice of portChoices(doc, node.id))
        for (const t of targetChoices(doc, node.id, choice)) expect(checkViewConnection(doc, t.connection).ok).toBe(true);
  });
});
