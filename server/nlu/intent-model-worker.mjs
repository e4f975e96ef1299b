// Entry of the NLU worker thread: registers tsx in this thread (loader hooks and execArgv
// flags are not inherited reliably by workers), then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./intent-model-worker.ts');
