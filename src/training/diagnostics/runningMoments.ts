// Mean and spread over repeated estimates, by Welford's update in float64: identical repeats
// (an exact loss, a point-estimate autoencoder) give exactly zero spread, not rounding noise.

export class RunningMoments {
  private count = 0;
  readonly mean: Float64Array;
  /** Σ over repeats of the squared deviations, summed over coordinates. */
  private m2 = 0;

  constructor(readonly size: number) {
    this.mean = new Float64Array(size);
  }

  add(v: ArrayLike<number>): void {
    if (v.length !== this.size) throw new Error(`internal: expected ${this.size} values, got ${v.length}`);
    this.count++;
    const mean = this.mean;
    for (let i = 0; i < this.size; i++) {
      const delta = v[i] - mean[i];
      mean[i] += delta / this.count;
      this.m2 += delta * (v[i] - mean[i]);
    }
  }

  get n(): number {
    return this.count;
  }

  /** (1/R) Σ_r ‖v_r − v̄‖²: the spread over repeats, dividing by R (0 for a single repeat). */
  get variance(): number {
    return this.count > 0 ? Math.max(0, this.m2) / this.count : NaN;
  }

  /** ‖v̄‖². */
  get meanSquaredNorm(): number {
    let s = 0;
    for (let i = 0; i < this.size; i++) s += this.mean[i] * this.mean[i];
    return s;
  }
}
