// Dense layers live with the node runtimes (src/nodes/runtime/dense.ts); re-exported for the compiler's callers.
export * from '../nodes/runtime/dense';
