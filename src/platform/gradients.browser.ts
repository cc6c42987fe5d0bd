// In the bundler build, tfjs-core's own ESM module registers every gradient.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
