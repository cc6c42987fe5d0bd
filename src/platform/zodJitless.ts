// Import this FIRST in every browser entry (src/main.tsx, workers/trainer.worker.ts).
// Zod 4 compiles object parsers with `new Function` when it may; under the app's
// Content-Security-Policy (no 'unsafe-eval') merely probing for that is reported as a
// violation. Zod decides when a schema is created, so this must run before any schema
// module is evaluated. Parsing is the same, only not JIT-compiled (graph files are small).
import { config } from 'zod';

config({ jitless: true });
