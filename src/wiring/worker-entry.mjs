// Worker entry under tsx: Node 20 does not apply `--import tsx` to a worker's own entry
// file, so register tsx's loader here and then load the TypeScript worker it was started for.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(new URL(`./${workerData.module}.ts`, import.meta.url).href);
