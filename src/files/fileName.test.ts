import { describe, expect, it } from 'vitest';
import { baseName, graphFileName } from './fileName';

describe('file names', () => {
  it('keeps a readable title and removes what file systems refuse', () => {
    expect(graphFileName('Probabilistic PCA')).toBe('Probabilistic PCA.json');
    expect(graphFileName('a/b: c?')).toBe('a-b- c-.json');
    expect(graphFileName('  ')).toBe('graph.json');
    expect(graphFileName('..hidden')).toBe('hidden.json');
  });

  it('names gallery entries by their base name', () => {
    expect(baseName('../../graphs/ppca.json')).toBe('ppca');
  });
});
