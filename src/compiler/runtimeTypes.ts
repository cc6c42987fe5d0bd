// The runtime types live below both the compiler and the node kinds (src/nodes/runtime), so
// the builders never import the compiler; this re-export keeps the compiler's own imports short.
export * from '../nodes/runtime/types';
