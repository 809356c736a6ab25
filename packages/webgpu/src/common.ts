/// <reference types="@webgpu/types" />
// Shared by the Node entry (index.ts, provider: npm `webgpu`) and the browser entry
// (browser.ts, provider: navigator.gpu): acquiring the device, registering the backend, and the
// awaitable print.

import { registerBackend, fetchValues, Device } from "@tsgrad/core";
import { print, RuntimeError } from "@tsgrad/py";
import { GpuContext } from "./context.ts";
import { state, webgpuBackend } from "./backend.ts";
// op-level kernels register themselves in backend.ts opKernels
import "./kernels_loss.ts";
import "./kernels_conv.ts";
import "./kernels_index.ts";
import "./kernels_argreduce.ts";
import "./kernels_norm.ts";
import { sample } from "./random.ts";
webgpuBackend.sample = sample;

export interface InitInfo {
  adapter: string;
  device: Device;
}

/** Request an adapter and device from `gpu` and make "webgpu" a tsgrad device. */
export async function initWith(gpu: GPU | undefined, options: GPURequestAdapterOptions = {}): Promise<InitInfo> {
  if (state.ctx !== null && state.ctx.lost === null) return { adapter: state.ctx.adapterName, device: state.device };
  if (!gpu) throw new RuntimeError("webgpu: this environment has no WebGPU (navigator.gpu is undefined)");
  const adapter = await gpu.requestAdapter(options);
  if (!adapter) throw new RuntimeError("webgpu: no GPU adapter was found (on Linux without a GPU, install Mesa's lavapipe: see docs/webgpu.md)");
  const limits = adapter.limits;
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxBufferSize: limits.maxBufferSize,
    },
  });
  const info = adapter.info ?? ({} as GPUAdapterInfo);
  const name = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(" ") || "unknown adapter";
  state.ctx = new GpuContext(device, name);
  registerBackend("webgpu", webgpuBackend);
  return { adapter: name, device: state.device };
}

/** Python's print for code with device tensors: fetches their values, then prints. */
export async function print_async(...args: unknown[]): Promise<void> {
  const resolved = await Promise.all(args.map((a) => (a instanceof Promise ? a : Promise.resolve(a))));
  await fetchValues(...resolved);
  print(...resolved);
}

/** Wait for all queued GPU work (benchmarks: a timing must include the work it started). */
export async function synchronize(): Promise<void> {
  const ctx = state.ctx;
  if (ctx === null) return;
  ctx.flush();
  await ctx.device.queue.onSubmittedWorkDone();
}

export const device = state.device;
export function adapterName(): string | null {
  return state.ctx?.adapterName ?? null;
}
