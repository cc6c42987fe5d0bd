// Seeds live with the node runtimes (src/nodes/runtime/seeds.ts); re-exported for the compiler's callers.
export * from '../nodes/runtime/seeds';
