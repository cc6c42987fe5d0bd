// The sweep's command line: the --set axes, the seeds, the output folder, and the training
// flags read by the same code as `npm run train`.
import { describe, expect, it } from 'vitest';
import { CliError } from './args';
import { parseSeeds, parseSweepArgs } from './sweepArgs';
import { defaultOutDir } from './sweepOut';

const refused = (argv: string[]) => {
  try {
    parseSweepArgs(argv);
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    return (e as Error).message;
  }
  throw new Error('expected a CliError');
};

describe('parseSweepArgs', () => {
  it('reads the axes, the seeds, the folder and the training flags', () => {
    const a = parseSweepArgs(['g.json', '--set', 'sampler.samples=1,5,50', '--set', 'loss.kind=elboLoss,iwaeLoss', '--seeds', '1,2,3', '--epochs', '3', '--lr', '0.01', '--backend', 'cpu', '--out-dir', 'o', '--force']);
    expect(a.sets.map((s) => [s.node, s.param, s.values])).toEqual([
      ['sampler', 'samples', ['1', '5', '50']],
      ['loss', 'kind', ['elboLoss', 'iwaeLoss']],
    ]);
    expect(a.seeds).toEqual([1, 2, 3]);
    expect(a.train).toMatchObject({ graphFile: 'g.json', settings: { epochs: 3, learningRate: 0.01 }, backend: 'cpu' });
    expect(a).toMatchObject({ outDir: 'o', force: true });
    expect(parseSweepArgs(['g.json']).seeds).toBeUndefined();
    expect(defaultOutDir('graphs/linear-vae.json')).toBe('sweep-linear-vae');
  });

  it('holds the training flags to the same limits as npm run train, and names the problem', () => {
    expect(refused(['g.json', '--epochs', '0'])).toMatch(/^--epochs 0: expected a whole number from 1 to/);
    expect(refused(['g.json', '--backend', 'webgl'])).toMatch(/runs only in the browser/);
    expect(refused(['g.json', '--set'])).toMatch(/--set needs a value/);
    expect(refused(['g.json', '--bogus'])).toMatch(/--bogus: unknown option; the options are .*--set, --seeds, --out-dir/);
    expect(refused(['g.json', '--seed', '4'])).toMatch(/^--seed 4: a sweep takes --seeds/);
    expect(refused(['g.json', '--set', 'samples=1'])).toMatch(/^--set samples=1: expected NODE\.PARAM=/);
    expect(refused([])).toMatch(/^no graph file given/);
  });

  it('reads seeds as the --seed flag reads one', () => {
    expect(parseSeeds('7')).toEqual([7]);
    expect(() => parseSeeds('1,x')).toThrow(/^--seeds 1,x: seed x: expected a whole number from 0 to 2,147,483,647/);
    expect(() => parseSeeds('1,2,1')).toThrow(/the seed 1 is given twice/);
  });
});
