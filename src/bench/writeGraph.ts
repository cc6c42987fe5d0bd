// Writes a generated deep-VAE graph: `tsx src/bench/writeGraph.ts out.json [nodes]`.
import { writeFileSync } from 'node:fs';
import { deepVaeGraph } from './bigGraph';

const [out, nodes] = process.argv.slice(2);
if (!out) throw new Error('usage: tsx src/bench/writeGraph.ts out.json [nodes]');
writeFileSync(out, JSON.stringify(deepVaeGraph({ nodes: Number(nodes ?? 500) }), null, 2));
