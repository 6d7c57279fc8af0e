// Seeded pseudo-random numbers for the simulator (src/dossier/simulate.ts). The generator is
// sfc32, Chris Doty-Humphrey's "Small Fast Chaotic" generator (32-bit variant, from PractRand,
// where it passes every test): four 32-bit words of state, a few additions, shifts and xors per
// number. Each stream is seeded from (seed, stream) through MurmurHash3's 32-bit finaliser, then
// warmed up by discarding 15 outputs as PractRand does, so that neighbouring streams (dossier 7
// and dossier 8) are unrelated. No Math.random and no clock: the same seed gives the same numbers.

/** MurmurHash3's fmix32: a bijection of 32-bit integers that spreads every input bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a hash of a string, 32 bits: a stable number for a name (the same in every run). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A stream of pseudo-random numbers (sfc32) fixed by a seed and a stream number. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** The stream `stream` of seed `seed` (both taken as unsigned 32-bit integers). */
  constructor(seed: number, stream = 0) {
    this.a = fmix32(seed ^ 0x9e3779b9);
    this.b = fmix32(stream ^ 0x7f4a7c15);
    this.c = fmix32((seed + Math.imul(stream, 0x61c88647)) ^ 0x2545f491);
    this.d = 1;
    for (let i = 0; i < 15; i++) this.uint32();
  }

  /** The next unsigned 32-bit integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform in (0, 1]: safe under a logarithm. */
  positive(): number {
    return (this.uint32() + 1) / 4294967296;
  }

  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** A whole number in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** An element of a non-empty list, each equally likely. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** A standard normal deviate (Box–Muller; one of the pair is thrown away, for simplicity). */
  normal(): number {
    return Math.sqrt(-2 * Math.log(this.positive())) * Math.cos(2 * Math.PI * this.next());
  }

  /** Log-normal with the given median and σ of its logarithm: skewed to the right, never negative. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** An index drawn with the weights whose running sums are `cumulative` (increasing, last > 0). */
  weighted(cumulative: ArrayLike<number>): number {
    const x = this.next() * cumulative[cumulative.length - 1]!;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Running sums of weights, for `Random.weighted`. */
export function cumulativeOf(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = sum;
  });
  return out;
}
