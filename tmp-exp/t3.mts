import { readFileSync } from 'node:fs';
import { diffSchemaAgainstMigrations } from '/work/main/server/db/diff-schema';
let t = performance.now();
const s = readFileSync('prisma/schema.prisma', 'utf8');
(globalThis as any).PRISMA_WASM_PANIC_REGISTRY = { set_message: (m: string) => console.log('PANIC', m) };
console.log(await diffSchemaAgainstMigrations(s.replace('model Bot {', 'model Bot {\n  extraField String?')));
console.log('diff2', performance.now() - t);
