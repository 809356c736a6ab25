// @tsgrad/webgpu for Node: tensors on a GPU through WebGPU, provided by the npm package `webgpu`
// (Dawn). In browsers import "@tsgrad/webgpu/browser" instead (navigator.gpu).
//
//   import * as webgpu from "@tsgrad/webgpu";
//   await webgpu.init();                       // once; then "webgpu" is a device
//   const x = torch.ones(2, 2, { device: "webgpu", requires_grad: true });
//   await webgpu.print_async(x.add(2));        // reads are asynchronous (docs/webgpu.md)

import { initWith, type InitInfo } from "./common.ts";

export { print_async, synchronize, device, adapterName, type InitInfo } from "./common.ts";
export { philox_state } from "./random.ts";

let gpuProvider: GPU | null = null;

/** Create the Dawn instance once and request a device (adapter options: e.g. powerPreference). */
export async function init(options: GPURequestAdapterOptions = {}): Promise<InitInfo> {
  if (gpuProvider === null) {
    const mod = (await import("webgpu")) as { create: (flags: string[]) => GPU; globals: Record<string, unknown> };
    // Dawn's enums (GPUBufferUsage...) as browsers have them, for code that expects them
    for (const [k, v] of Object.entries(mod.globals)) if (!(k in globalThis)) (globalThis as any)[k] = v;
    gpuProvider = mod.create([]);
  }
  return initWith(gpuProvider, options);
}
