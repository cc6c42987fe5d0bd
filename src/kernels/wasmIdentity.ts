// tfjs clones every tensor a gradient saves (customGrad's save, tf.clone) through the Identity
// kernel, and the wasm backend's Identity copies the data: five [6400, 784] copies per IWAE-50
// step. Tensors are immutable and the wasm backend counts references per data id (its Reshape
// already shares), so Identity can share as the cpu backend's does. Stock tfjs (the bench's
// reference, calibration's check) keeps the copying kernel.
import * as tf from '@tensorflow/tfjs-core';
// Its kernels must be registered before this replaces one of them.
import '@tensorflow/tfjs-backend-wasm';

interface RefCounting {
  incRef(dataId: tf.DataId): void;
}

/** Replaces wasm's Identity once; `share()` says, per call, whether to share or run stock's copy. */
export function shareIdentityOnWasm(share: () => boolean) {
  const stock = tf.getKernel(tf.Identity, 'wasm');
  if (!stock || (stock as { sharesData?: boolean }).sharesData) return;
  tf.unregisterKernel(tf.Identity, 'wasm');
  const shared: tf.KernelConfig & { sharesData: true } = {
    ...stock,
    sharesData: true,
    kernelFunc: (args) => {
      const x = (args.inputs as { x: tf.TensorInfo }).x;
      if (x.dtype === 'string' || !share()) return stock.kernelFunc(args);
      (args.backend as unknown as RefCounting).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  };
  tf.registerKernel(shared);
}
