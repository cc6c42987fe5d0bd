// Node resolves @tensorflow/tfjs-core to its CJS bundle, which ships without gradient
// definitions, and the ESM file that registers them cannot load in Node (extensionless
// imports). The union package's Node bundle carries them compiled in and registers them
// into tfjs's global registry, which every copy of tfjs-core shares.
import '@tensorflow/tfjs';
