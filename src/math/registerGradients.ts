// tfjs-core registers no gradient functions by itself (the @tensorflow/tfjs
// union package does it for you), so tf.grads fails with "gradient function
// not found for Sub" until this runs. Import it once from an entry point that
// is bundled by Vite: the Web Worker, the app, vitest setup or tests.
//
// Not imported by the math modules themselves: the file is ESM with
// extensionless and directory imports that Node's ESM loader (tsx, the CLI)
// cannot resolve. The CLI imports ./registerGradientsNode instead.
import '#tf-gradients';
