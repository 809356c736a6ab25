/// <reference types="@webgpu/types" />
// A tensor's storage on the GPU: a GPUBuffer of 4-byte elements (f32 for float32, i32 for every
// integer dtype and bool; WGSL has no 64-bit types, so int64 values must fit in int32 and
// float64 is refused). It stands where a TypedArray stands on the CPU (`t._storage`), has a
// `length` as a TypedArray does, and its `device` makes the tensor a device tensor.
//
// Reading it is asynchronous: `read()` fetches the values and keeps them as `hostValues()`
// until a kernel writes the buffer again. Indexing it like a TypedArray (CPU code that has no
// GPU kernel) throws, so a missing kernel is an error and never a silently wrong value.

import { HostReadError, type DeviceStorage, type Device, type DType, type TypedArray } from "@tsgrad/core";
import type { GpuContext } from "./context.ts";

export type ElemType = "f32" | "i32";
export const elemType = (d: DType): ElemType => (d.kind === "float" ? "f32" : "i32");

const collected = new FinalizationRegistry<{ ctx: GpuContext; buffer: GPUBuffer }>(({ ctx, buffer }) => ctx.retire(buffer));

const guard: ProxyHandler<GpuStorage> = {
  get(target, key, receiver) {
    if (typeof key === "string") {
      const c = key.charCodeAt(0);
      if (c >= 48 && c <= 57) throw new HostReadError(`CPU code indexed the storage of a ${target.device} tensor`);
    }
    return Reflect.get(target, key, receiver);
  },
  // CPU code writing elements (a sampler's fill, an index_put loop) must fail as loudly as a
  // read: without this trap the write would land on the proxy object and be silently lost
  set(target, key, value, receiver) {
    if (typeof key === "string") {
      const c = key.charCodeAt(0);
      if (c >= 48 && c <= 57) throw new HostReadError(`CPU code wrote into the storage of a ${target.device} tensor`);
    }
    return Reflect.set(target, key, value, receiver);
  },
};

export class GpuStorage implements DeviceStorage {
  _host: TypedArray | null = null;
  /** Bumped by every write, so a read that raced one does not keep stale values. */
  _gen = 0;

  constructor(
    readonly ctx: GpuContext,
    readonly buffer: GPUBuffer,
    readonly length: number,
    /** The CPU dtype whose TypedArray the values come back as. */
    readonly hostDtype: DType,
    readonly device: Device,
  ) {
    const proxy = new Proxy(this, guard);
    collected.register(proxy, { ctx, buffer });
    return proxy;
  }

  get elem(): ElemType {
    return elemType(this.hostDtype);
  }

  hostValues(): TypedArray | null {
    return this._host;
  }

  /** A kernel wrote this buffer: host values are stale. */
  written(): void {
    this._host = null;
    this._gen++;
  }

  async read(): Promise<TypedArray> {
    if (this._host !== null) return this._host;
    const gen = this._gen;
    const bytes = await this.ctx.read(this.buffer, this.length * 4);
    const raw = this.elem === "f32" ? new Float32Array(bytes) : new Int32Array(bytes);
    const vals = raw instanceof this.hostDtype.ctor ? raw : new this.hostDtype.ctor(raw);
    if (gen === this._gen) this._host = vals;
    return vals;
  }
}
