import { describe, expect, it } from 'vitest';
import { countCsvColumns, parseCsv } from './csv';

function ok(text: string) {
  const r = parseCsv(text, 'f.csv');
  if (!r.ok) throw new Error(`expected success, got: ${r.error}`);
  return r;
}

function err(text: string): string {
  const r = parseCsv(text, 'f.csv');
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

describe('parseCsv', () => {
  it('reads a file with a header', () => {
    const r = ok('a,b,c\n1,2,3\n4,5,6\n');
    expect(r.hasHeader).toBe(true);
    expect(r.data.n).toBe(2);
    expect(r.data.d).toBe(3);
    expect(Array.from(r.data.x)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.data.name).toBe('f.csv');
  });

  it('reads a file without a header', () => {
    const r = ok('1,2\n3,4');
    expect(r.hasHeader).toBe(false);
    expect(r.data.n).toBe(2);
    expect(Array.from(r.data.x)).toEqual([1, 2, 3, 4]);
  });

  it('reads a single column', () => {
    const r = ok('x\n1\n2\n3\n');
    expect(r.hasHeader).toBe(true);
    expect(r.data.d).toBe(1);
    expect(Array.from(r.data.x)).toEqual([1, 2, 3]);
  });

  it('accepts CRLF line endings', () => {
    const r = ok('a,b\r\n1,2\r\n3,4\r\n');
    expect(r.data.n).toBe(2);
    expect(Array.from(r.data.x)).toEqual([1, 2, 3, 4]);
  });

  it('accepts quoted numbers, spaces, signs and scientific notation', () => {
    // Values chosen to be exact in float32.
    const r = ok('"1.5", 2 \n -3e2 ,"+3.75E-1"\n.5," 7. "');
    expect(Array.from(r.data.x)).toEqual([1.5, 2, -300, 0.375, 0.5, 7]);
  });

  it('skips blank lines but keeps real line numbers in errors', () => {
    const r = ok('\na,b\n\n1,2\n   \n3,4\n\n');
    expect(r.hasHeader).toBe(true);
    expect(Array.from(r.data.x)).toEqual([1, 2, 3, 4]);
    expect(err('a,b\r\n\r\n1,2\r\n\r\n3,x\r\n')).toBe('f.csv line 5, column 2: "x" is not a number');
  });

  it('strips a byte-order mark', () => {
    expect(ok('\uFEFF1,2\n3,4').hasHeader).toBe(false);
  });

  it('reports ragged rows with the file and line', () => {
    expect(err('a,b\n1,2\n3,4,5\n')).toBe('f.csv line 3: expected 2 columns, found 3');
    expect(err('1,2,3\n\n4,5\n')).toBe('f.csv line 3: expected 3 columns, found 2');
  });

  it('reports non-numeric cells with file, line and column', () => {
    expect(err('1,2\n3,abc\n')).toBe('f.csv line 2, column 2: "abc" is not a number');
    expect(err('1,2\n,4\n')).toBe('f.csv line 2, column 1: "" is not a number');
    expect(err('1,2\n0x10,4\n')).toBe('f.csv line 2, column 1: "0x10" is not a number');
  });

  it('rejects NaN and Infinity', () => {
    expect(err('1,2\nNaN,4\n')).toBe('f.csv line 2, column 1: "NaN" is not a number');
    expect(err('1,2\n3,Infinity\n')).toBe('f.csv line 2, column 2: "Infinity" is not a number');
    expect(err('1,2\n3,-Infinity\n')).toBe('f.csv line 2, column 2: "-Infinity" is not a number');
    expect(err('1,2\n3,1e999\n')).toMatch(/^f\.csv line 2, column 2: 1e999 is beyond float32's range \(±3\.4e38\)/);
  });

  it('does not take a non-numeric first row for a header when the second row is non-numeric too', () => {
    expect(err('a,b\nc,d\n1,2\n')).toBe('f.csv line 1, column 1: "a" is not a number');
  });

  it('reports empty files and header-only files', () => {
    expect(err('')).toBe('f.csv has no data rows');
    expect(err('\n\r\n  \n')).toBe('f.csv has no data rows');
    expect(err('a,b,c\n')).toBe('f.csv has no data rows');
  });

  it('reports an unterminated quote with its line', () => {
    expect(err('1,2\n"3,4\n5,6\n')).toMatch(/^f\.csv line 2: /);
  });
});

describe('countCsvColumns', () => {
  it('counts numeric columns, or 0 when the CSV is unusable', () => {
    expect(countCsvColumns('a,b,c\n1,2,3\n')).toBe(3);
    expect(countCsvColumns('')).toBe(0);
  });
});

describe('parseCsv names the real problem', () => {
  it('a value beyond float32 names its line, column and the range, whatever its sign or form', () => {
    expect(err('a,b\n1,2\n3,1e39\n')).toBe("f.csv line 3, column 2: 1e39 is beyond float32's range (±3.4e38), the precision the model trains in; rescale the column (divide it by a power of ten) and load it again");
    expect(err('1,2\n-5e40,2\n')).toMatch(/^f\.csv line 2, column 1: -5e40 is beyond float32's range \(±3\.4e38\)/);
    expect(err('1;2;3\n4;5;"340282350000000000000000000000000000001000"\n')).toMatch(/line 2, column 3: 340282350000000000000000000000000000001000 is beyond float32's range/);
    // The largest float32 itself is data.
    expect(ok('1,3.4028234e38\n2,-3.4028234e38\n').data.x[1]).toBeCloseTo(3.4028234e38, -32);
  });

  it('UTF-16 text (with either byte-order mark, or without one) is named as such', () => {
    const utf16le = (s: string) => new TextDecoder('utf-8').decode(new Uint8Array([0xff, 0xfe, ...[...s].flatMap((c) => [c.charCodeAt(0), 0])]));
    const utf16be = (s: string) => new TextDecoder('utf-8').decode(new Uint8Array([0xfe, 0xff, ...[...s].flatMap((c) => [0, c.charCodeAt(0)])]));
    const noBom = (s: string) => new TextDecoder('utf-8').decode(new Uint8Array([...s].flatMap((c) => [c.charCodeAt(0), 0])));
    for (const text of [utf16le('a,b\n1,2\n'), utf16be('a,b\n1,2\n'), noBom('1,2\n3,4\n')]) {
      expect(err(text)).toBe('f.csv: the file is UTF-16 text (a spreadsheet\'s "Unicode text" export); save it as UTF-8 (for Excel: "CSV UTF-8") and load it again');
    }
    // A UTF-8 byte-order mark is only skipped.
    expect(ok('\uFEFF1,2\n3,4\n').data.n).toBe(2);
  });

  it('decimal commas are named, with the point form to write instead, separated by ";" or quoted', () => {
    expect(err('a;b\n1,5;2\n3;4,25\n')).toBe('f.csv line 2, column 1: "1,5" is written with a decimal comma; write decimals with a point (1.5), or export the file with "." as the decimal separator');
    expect(err('1,5;2,5;3,5\n4,5;5,5;6,5\n')).toMatch(/^f\.csv line 1, column 1: "1,5" is written with a decimal comma; write decimals with a point \(1\.5\)/);
    expect(err('x,y\n"1,25","2"\n')).toMatch(/^f\.csv line 2, column 1: "1,25" is written with a decimal comma; write decimals with a point \(1\.25\)/);
    expect(err('x;y\n2;"-1.234,5"\n')).toMatch(/line 2, column 2: "-1\.234,5" is written with a decimal comma; write decimals with a point \(-1234\.5\)/);
    // Semicolon files with points still parse.
    expect(Array.from(ok('a;b\n1.5;2\n3;4.25\n').data.x)).toEqual([1.5, 2, 3, 4.25]);
  });
});
