// The generator behind np.random: the core's numpy legacy RandomState
// (core/src/random/numpy_random_state.ts), seen through the four draws random.ts composes
// numpy's functions from. Legacy randint's masked rejection for ranges below 2^32 is the same
// loop as random_interval, so both use the core's _interval.

import { RandomState as CoreRandomState } from "@tsgrad/core";

export class RandomState extends (CoreRandomState as any) {
  nextDouble(): number {
    return (this as any)._double();
  }
  nextGauss(): number {
    return (this as any)._gaussDraw();
  }
  boundedMasked(rng: number): number {
    return (this as any)._interval(rng);
  }
  interval(max: number): number {
    return (this as any)._interval(max);
  }
  declare seed: (s?: number | bigint | null) => void;
}
