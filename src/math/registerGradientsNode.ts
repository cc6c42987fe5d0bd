import * as tf from '@tensorflow/tfjs-core';
import { createRequire } from 'node:module';

// Node/tsx counterpart of ./registerGradients (read that file for why). Under
// tsx, require() goes through tsx's CommonJS loader, which both converts the
// ESM file and resolves its directory imports. Skipped if something already
// registered the gradients, so loading both never overrides anything.
if (tf.getGradient('Sub') == null) {
  createRequire(import.meta.url)('@tensorflow/tfjs-core/dist/register_all_gradients');
}
