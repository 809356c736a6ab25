// Random number generation: PyTorch's CPU generator and sampling kernels (torch dialect) and
// numpy's legacy RandomState (numpy dialect). See docs/random.md.

import "./ops.ts";

export { MT19937 } from "./mt19937.ts";
export {
  Generator, default_generator, manual_seed, seed, initial_seed, get_rng_state, set_rng_state, genOrDefault,
  DEFAULT_RNG_SEED, RNG_STATE_SIZE,
} from "./generator.ts";
export { dropout } from "./ops.ts";
export { RandomState } from "./numpy_random_state.ts";
