/** Weighted isotonic regression (non-decreasing fit) of the first `m` values by pool-adjacent-violators, into `out`. */
export function isotonic(values: Float64Array, weights: Float64Array, m: number, out: Float64Array): void {
  const blockMean = new Float64Array(m);
  const blockWeight = new Float64Array(m);
  const blockSize = new Int32Array(m);
  let top = 0;
  for (let k = 0; k < m; k++) {
    let mean = values[k]!;
    let weight = weights[k]!;
    let size = 1;
    while (top > 0 && blockMean[top - 1]! > mean) {
      top--;
      const pw = blockWeight[top]!;
      mean = (blockMean[top]! * pw + mean * weight) / (pw + weight);
      weight += pw;
      size += blockSize[top]!;
    }
    blockMean[top] = mean;
    blockWeight[top] = weight;
    blockSize[top] = size;
    top++;
  }
  let k = 0;
  for (let b = 0; b < top; b++) for (let s = 0; s < blockSize[b]!; s++) out[k++] = blockMean[b]!;
}
