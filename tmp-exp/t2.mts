import { readFileSync } from 'node:fs';
import { diffSchemaAgainstMigrations } from '/work/main/server/db/diff-schema';
let t = performance.now();
(globalThis as any).PRISMA_WASM_PANIC_REGISTRY = { set_message: (m: string) => console.log('PANIC', m) };
const s = readFileSync('prisma/schema.prisma', 'utf8');
console.log(JSON.stringify(await diffSchemaAgainstMigrations(s)));
console.log('diff', performance.now() - t); t = performance.now();
console.log(await diffSchemaAgainstMigrations(s.replace('model Bot {', 'model Bot {\n  extraField String?')));
console.log('diff2', performance.now() - t);
