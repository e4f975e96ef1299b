import { gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { NeighbourFinder, parseWordVectors, shippedWordVectors, type WordVectors } from './word-vectors';

/** The file layout of scripts/nlu/build-word-vectors.mjs, for a hand-made table. */
function table(entries: [word: string, vector: number[]][]): Uint8Array {
  const words = Buffer.from(entries.map(([word]) => word).join('\n'));
  const dimensions = entries[0]![1].length;
  const start = Math.ceil((12 + words.length) / 4) * 4;
  const bytes = Buffer.alloc(start + entries.length * dimensions);
  bytes.writeUInt32LE(entries.length, 0);
  bytes.writeUInt32LE(dimensions, 4);
  bytes.writeUInt32LE(words.length, 8);
  words.copy(bytes, 12);
  entries.forEach(([, vector], i) => vector.forEach((x, d) => bytes.writeInt8(x, start + i * dimensions + d)));
  return gzipSync(bytes);
}

const TOY: WordVectors = parseWordVectors(
  table([
    ['the', [127, 0, 0, 0]],
    ['refund', [0, 127, 10, 0]],
    ['reimburse', [0, 120, 40, 0]],
    ['money', [0, 60, 100, 0]],
    ['card', [0, 0, 0, 127]],
    ['cards', [0, 0, 20, 127]],
  ]),
);

describe('parseWordVectors', () => {
  it('reads the words in rank order and scales each vector to unit length', () => {
    expect(TOY.words).toEqual(['the', 'refund', 'reimburse', 'money', 'card', 'cards']);
    expect(TOY.dimensions).toBe(4);
    expect(TOY.index.get('money')).toBe(3);
    for (let row = 0; row < TOY.words.length; row++) {
      const vector = TOY.vectors.subarray(row * 4, row * 4 + 4);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 6);
    }
  });

  it('reads the shipped table: 30,000 words, 64 dimensions, related words close', () => {
    const shipped = shippedWordVectors();
    expect(shipped.words).toHaveLength(30_000);
    expect(shipped.dimensions).toBe(64);
    const cosine = (a: string, b: string) => {
      const [i, j] = [shipped.index.get(a)!, shipped.index.get(b)!];
      let dot = 0;
      for (let d = 0; d < shipped.dimensions; d++) dot += shipped.vectors[i * 64 + d]! * shipped.vectors[j * 64 + d]!;
      return dot;
    };
    expect(cosine('refund', 'reimbursement')).toBeGreaterThan(0.5);
    expect(cosine('refund', 'tennis')).toBeLessThan(0.3);
  });
});

describe('NeighbourFinder', () => {
  it('finds the most similar targets above the minimum similarity, most similar first', () => {
    const finder = new NeighbourFinder(TOY, ['refund', 'money', 'card'], 5, 0.5);
    const found = finder.neighbours('reimburse');
    expect(found.map(([word]) => word)).toEqual(['refund', 'money']);
    expect(found[0]![1]).toBeGreaterThan(found[1]![1]);
    expect(found[0]![1]).toBeLessThan(1);
    expect(finder.neighbours('cards').map(([word]) => word)).toEqual(['card']);
  });

  it('keeps at most `count` neighbours, and a target finds itself at similarity 1', () => {
    const finder = new NeighbourFinder(TOY, ['refund', 'reimburse', 'money'], 1, 0);
    const found = finder.neighbours('refund');
    expect(found).toHaveLength(1);
    expect(found[0]![0]).toBe('refund');
    expect(found[0]![1]).toBeCloseTo(1, 6);
  });

  it('finds nothing for a word without a vector or among the most common words', () => {
    const finder = new NeighbourFinder(TOY, ['refund', 'card'], 5, 0, 1);
    expect(finder.neighbours('zzz')).toEqual([]);
    expect(finder.neighbours('the')).toEqual([]);
    expect(finder.neighbours('reimburse').length).toBeGreaterThan(0);
  });

  it('answers the same the second time (from its cache)', () => {
    const finder = new NeighbourFinder(TOY, ['refund', 'money', 'card'], 2, 0.1);
    expect(finder.neighbours('reimburse')).toBe(finder.neighbours('reimburse'));
  });

  it('skips targets by a bound, yet finds exactly what a full search finds (shipped table)', () => {
    const shipped = shippedWordVectors();
    const targets = shipped.words.slice(100, 3000);
    const finder = new NeighbourFinder(shipped, targets, 5, 0.5);
    const d = shipped.dimensions;
    for (const word of ['refund', 'reimbursement', 'thief', 'arrive', 'currency', 'tennis', 'quickly']) {
      const row = shipped.index.get(word)!;
      const all = targets
        .map((target) => {
          const other = shipped.index.get(target)!;
          let dot = 0;
          for (let k = 0; k < d; k++) dot += shipped.vectors[row * d + k]! * shipped.vectors[other * d + k]!;
          return [target, dot] as const;
        })
        .filter(([, dot]) => dot >= 0.5)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5);
      const found = finder.neighbours(word);
      expect(found.map(([target]) => target)).toEqual(all.map(([target]) => target));
      found.forEach(([, similarity], i) => expect(similarity).toBeCloseTo(all[i]![1], 5));
    }
  });

  it("hands over the targets' own neighbours, so another finder answers for them without searching", () => {
    const shipped = shippedWordVectors();
    const targets = ['refund', 'reimbursement', 'money', 'card', 'cards', 'stolen', 'thief', 'tennis'];
    const trained = new NeighbourFinder(shipped, targets, 5, 0.5);
    const lists = trained.targetNeighbours();
    expect(lists).toHaveLength(targets.length);
    expect(lists[0]!.map((i) => targets[i])).toEqual(expect.arrayContaining(['refund', 'reimbursement']));

    const loaded = new NeighbourFinder(shipped, targets, 5, 0.5);
    loaded.rememberTargetNeighbours(lists);
    const search = vi.spyOn(loaded as unknown as { search: (word: string) => unknown }, 'search');
    for (const target of targets) expect(loaded.neighbours(target)).toEqual(trained.neighbours(target));
    expect(search).not.toHaveBeenCalled();
    loaded.neighbours('purse');
    expect(search).toHaveBeenCalledTimes(1);
  });
});
