// @tsgrad/webgpu for browsers: the provider is navigator.gpu (see examples/webgpu-browser).
import { initWith, type InitInfo } from "./common.ts";

export { print_async, synchronize, device, adapterName, type InitInfo } from "./common.ts";

export async function init(options: GPURequestAdapterOptions = {}): Promise<InitInfo> {
  return initWith((globalThis as any).navigator?.gpu as GPU | undefined, options);
}
