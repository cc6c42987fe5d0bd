import { describe, expect, it } from 'vitest';
import { imagesToRgba, mosaicSize, wholeScale } from './imagePixels';

describe('imagesToRgba', () => {
  it('lays images out in rows with a one-pixel gap, grey values from [0, 1]', () => {
    // Three 2×2 images, two per row: 5 wide, 5 high.
    const pixels = Float32Array.from([0, 1, 0.5, 2, /* */ 1, 1, 1, 1, /* */ NaN, 0, 0, -1]);
    const m = imagesToRgba({ side: 2, count: 3, pixels }, 2);
    expect([m.width, m.height]).toEqual([5, 5]);
    const grey = (x: number, y: number) => m.data[(y * 5 + x) * 4];
    expect([grey(0, 0), grey(1, 0), grey(0, 1), grey(1, 1)]).toEqual([0, 255, 128, 255]); // clamped
    expect(grey(2, 0)).toBe(96); // the gap
    expect(grey(3, 0)).toBe(255);
    expect(grey(0, 3)).toBe(0); // NaN drawn black
    expect(m.data[3]).toBe(255);
  });

  it('sizes mosaics and whole-number scales', () => {
    expect(mosaicSize(28, 16, 4)).toEqual({ width: 115, height: 115, rows: 4 });
    expect(mosaicSize(28, 3, 8).width).toBe(86);
    expect(wholeScale(115, 240)).toBe(2);
    expect(wholeScale(400, 240)).toBe(1);
  });
});

describe('imagesToRgba reuse', () => {
  it('writes into the previous pixels when the size matches, and only then', () => {
    const grid = { side: 2, count: 2, pixels: Float32Array.from([1, 1, 1, 1, 0, 0, 0, 0]) };
    const first = imagesToRgba(grid, 2);
    const again = imagesToRgba({ ...grid, pixels: new Float32Array(8) }, 2, first.data);
    expect(again.data).toBe(first.data);
    expect(again.data[0]).toBe(0);
    expect(imagesToRgba({ side: 2, count: 3, pixels: new Float32Array(12) }, 3, first.data).data).not.toBe(first.data);
  });
});
