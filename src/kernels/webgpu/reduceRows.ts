// One workgroup per output element that is a sum over a long axis (a column of dz for the
// bias gradient, the D pixels of an example for the Bernoulli log-probability): 64 threads
// stride the axis, then add their partial sums pairwise in workgroup memory. A thread per
// output instead would leave a GPU idle for the 20-wide layers (20 threads in all).
export const REDUCE_THREADS = 64;

/** WGSL: declares the scratch array and `fn reduce(part) -> f32` (every thread gets the total). */
export const reduceSnippet = `
  var<workgroup> partials : array<f32, ${REDUCE_THREADS}>;

  fn reduce(part : f32) -> f32 {
    let t = i32(localId.x);
    partials[t] = part;
    workgroupBarrier();
    for (var width = ${REDUCE_THREADS / 2}; width > 0; width = width / 2) {
      if (t < width) {
        partials[t] = partials[t] + partials[t + width];
      }
      workgroupBarrier();
    }
    return partials[0];
  }`;
