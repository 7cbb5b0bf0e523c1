/**
 * Seeded randomness for the tools (the synthetic corpus, the benchmarks' workloads): the same seed
 * gives the same stream on every run and machine.
 */

/** sfc32: a small, fast PRNG with a 128-bit state; good enough for shapes, never for secrets. */
export function createRandom(seed: number) {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) next();
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
  };
}

export type Random = ReturnType<typeof createRandom>;

/** Ranks 0..n-1 with P(k) ∝ 1/(k+1)^s: a few are drawn often, most rarely (actors, URLs). */
export function createZipf(n: number, s: number, random: Random) {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) {
    total += 1 / (k + 1) ** s;
    cdf[k] = total;
  }
  return () => {
    const r = random.next() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
