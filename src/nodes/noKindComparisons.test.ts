// The guard of "one home per node kind" (shared/DESIGN.md): outside src/nodes nothing compares
// a node's kind with a kind's name — it asks the registry for a capability instead. The file
// format's migrations (which rename kinds of old versions), tests and src/testing are exempt.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeSpecs } from './registry';

const root = fileURLToPath(new URL('../..', import.meta.url));
const kinds = [...nodeSpecs.keys()].join('|');
const literalComparison = new RegExp(`(kind\\s*(===|!==)\\s*['"](${kinds})['"]|case\\s+['"](${kinds})['"])`);
/** Registry lookups by a literal kind name (`getSpec('data')`) encode the same knowledge. */
const literalLookup = new RegExp(`(getSpec|getBuilder|estimatorOf|distributionOf|layerOf|samplerOf|dataSourceOf)\\(\\s*['"](${kinds})['"]`);
/** A list (or set) of kind names — `new Set(['linear', 'dense'])` — is a capability in disguise. */
const literalList = new RegExp(`\\[\\s*['"](${kinds})['"]\\s*,\\s*['"](${kinds})['"]`);

/**
 * A table keyed by kind names (`{ gaussian: …, bernoulli: …, dense: … }`): three or more such
 * keys within a few lines. Kinds named like a family (data, linear, sampler) are left out, so a
 * table of family colours is not taken for one.
 */
const families = new Set([...nodeSpecs.values()].map((s) => s.family));
const kindKey = new RegExp(`^\\s*['"]?(${[...nodeSpecs.keys()].filter((k) => !families.has(k as never)).join('|')})['"]?\\s*:`);
const TABLE_KEYS = 3;
const TABLE_SPAN = 12;

function kindTables(lines: string[]): number[] {
  const keyed = lines.flatMap((line, i) => {
    const m = kindKey.exec(line);
    return m ? [{ i, kind: m[1] }] : [];
  });
  return keyed.filter(({ i }) => new Set(keyed.filter((k) => k.i >= i && k.i < i + TABLE_SPAN).map((k) => k.kind)).size >= TABLE_KEYS).map(({ i }) => i).slice(0, 1);
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

const exempt = (rel: string) => /\.test\.tsx?$/.test(rel) || rel.includes('/testing/') || rel.startsWith('src/nodes/') || rel.startsWith('src/graph/migrations');

describe('one home per node kind', () => {
  it('no code outside src/nodes compares kind names, lists them or looks a kind up by name', () => {
    const hits: string[] = [];
    for (const file of [...sources(join(root, 'src')), ...sources(join(root, 'workers'))]) {
      const rel = relative(root, file).split('\\').join('/');
      if (exempt(rel)) continue;
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (literalComparison.test(line) || literalLookup.test(line) || literalList.test(line)) hits.push(`${rel}:${i + 1}: ${line.trim()}`);
      });
      for (const i of kindTables(lines)) hits.push(`${rel}:${i + 1}: a table keyed by node kinds starts here`);
    }
    expect(hits).toEqual([]);
  });

  it('catches the forms it guards against', () => {
    const bad = ["if (n.kind === 'data') {", "case 'iwaeLoss':", "getSpec('data')!", "const LAYERS = new Set(['linear', 'dense']);"];
    for (const line of bad) expect(literalComparison.test(line) || literalLookup.test(line) || literalList.test(line), line).toBe(true);
    expect(kindTables(['const COMPACT = {', "  bernoulli: () => 'B',", '  gaussian: () => "N",', "  'dense': () => 'W z',", '};'])).toEqual([1]);
    expect(kindTables(['const COLOURS = {', "  data: '#5b8def',", "  linear: '#2ea88f',", "  sampler: '#d65f8f',", "  gaussian: '#9b6bd6',", '};'])).toEqual([]);
  });

  it('src/nodes never imports src/compiler (the runtime types live in src/nodes/runtime)', () => {
    const hits: string[] = [];
    for (const file of sources(join(root, 'src', 'nodes'))) {
      const rel = relative(root, file).split('\\').join('/');
      if (/\.test\.tsx?$/.test(rel)) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/from\s+['"](\.\.\/)+compiler\//.test(line)) hits.push(`${rel}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(hits).toEqual([]);
  });
});
