/// <reference types="@webgpu/types" />
// One GPUDevice and the work queued on it. Ops record compute passes into one command encoder
// that is submitted in batches (every FLUSH_EVERY passes, and before any read), so a chain of
// tiny ops costs one submit, not one each. Host data only ever goes into fresh buffers
// (mappedAtCreation), never into a buffer queued work may still read, so batching is safe.

export const USAGE = { MAP_READ: 0x1, COPY_SRC: 0x4, COPY_DST: 0x8, UNIFORM: 0x40, STORAGE: 0x80 } as const;
const FLUSH_EVERY = 64;

import { RuntimeError } from "@tsgrad/py";

export class GpuContext {
  private encoder: GPUCommandEncoder | null = null;
  private passes = 0;
  /** Buffers to destroy once the work that may use them has been submitted. */
  private retired: GPUBuffer[] = [];
  private pipelines = new Map<string, GPUComputePipeline>();
  lost: string | null = null;
  /** The first validation/out-of-memory error the device reported; raised at the next op or read. */
  error: string | null = null;

  constructor(readonly device: GPUDevice, readonly adapterName: string) {
    device.lost?.then((info) => {
      this.lost = info.message || String(info.reason);
    });
    device.addEventListener?.("uncapturederror", (ev: Event) => {
      const err = (ev as GPUUncapturedErrorEvent).error;
      this.error ??= `${err.constructor?.name ?? "GPUError"}: ${err.message}`;
    });
  }

  pipeline(key: string, code: () => string): GPUComputePipeline {
    let p = this.pipelines.get(key);
    if (p === undefined) {
      const module = this.device.createShaderModule({ code: code() });
      p = this.device.createComputePipeline({ layout: "auto", compute: { module, entryPoint: "main" } });
      this.pipelines.set(key, p);
    }
    return p;
  }

  /** A storage buffer of `bytes` (at least 4: zero-sized bindings are invalid). */
  buffer(bytes: number): GPUBuffer {
    this.checkLost();
    return this.device.createBuffer({ size: Math.max(4, Math.ceil(bytes / 4) * 4), usage: USAGE.STORAGE | USAGE.COPY_SRC | USAGE.COPY_DST });
  }

  /** A fresh buffer holding `data` (written at creation, so no queue ordering is involved). */
  bufferFrom(data: Int32Array | Float32Array | Uint32Array, usage: number = USAGE.STORAGE | USAGE.COPY_SRC | USAGE.COPY_DST): GPUBuffer {
    this.checkLost();
    const size = Math.max(4, data.byteLength);
    const buf = this.device.createBuffer({ size, usage, mappedAtCreation: true });
    const dst = data instanceof Float32Array ? new Float32Array(buf.getMappedRange()) : new Int32Array(buf.getMappedRange());
    dst.set(data as any);
    buf.unmap();
    return buf;
  }

  /** Record one compute pass: `pipeline` over `buffers` (bindings 0..n-1), then free `temps` later. */
  dispatch(pipeline: GPUComputePipeline, buffers: GPUBuffer[], groups: [number, number, number], temps: GPUBuffer[] = []): void {
    if (groups[0] === 0 || groups[1] === 0 || groups[2] === 0) {
      this.retired.push(...temps);
      return;
    }
    const bind = this.device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    const enc = (this.encoder ??= this.device.createCommandEncoder());
    const pass = enc.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bind);
    pass.dispatchWorkgroups(groups[0], groups[1], groups[2]);
    pass.end();
    this.retired.push(...temps);
    if (++this.passes >= FLUSH_EVERY) this.flush();
  }

  copy(src: GPUBuffer, srcOffset: number, dst: GPUBuffer, bytes: number): void {
    const enc = (this.encoder ??= this.device.createCommandEncoder());
    enc.copyBufferToBuffer(src, srcOffset, dst, 0, bytes);
  }

  flush(): void {
    if (this.encoder !== null) {
      this.device.queue.submit([this.encoder.finish()]);
      this.encoder = null;
      this.passes = 0;
    }
    const old = this.retired;
    this.retired = [];
    // destroy() waits for submitted work that uses the buffer, as the spec requires
    for (const b of old) b.destroy();
  }

  /** Free a buffer whose storage was collected (after the queued work that may read it). */
  retire(b: GPUBuffer): void {
    this.retired.push(b);
  }

  /** Copy `bytes` of `src` to the host. */
  async read(src: GPUBuffer, bytes: number): Promise<ArrayBuffer> {
    const size = Math.max(4, Math.ceil(bytes / 4) * 4);
    const staging = this.device.createBuffer({ size, usage: USAGE.MAP_READ | USAGE.COPY_DST });
    this.copy(src, 0, staging, size);
    this.flush();
    await staging.mapAsync(1 /* GPUMapMode.READ */);
    this.checkLost();
    const out = staging.getMappedRange().slice(0, bytes);
    staging.unmap();
    staging.destroy();
    return out;
  }

  checkLost(): void {
    if (this.lost !== null) throw new RuntimeError(`webgpu: the GPU device was lost (${this.lost}); tensors on it are gone, call webgpu.init() again`);
    if (this.error !== null) {
      const e = this.error;
      this.error = null;
      throw new RuntimeError(`webgpu: the device reported an error, so results since the last read may be wrong: ${e}`);
    }
  }
}
