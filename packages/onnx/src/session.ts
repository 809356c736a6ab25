// Synchronous onnxruntime calls. The public `InferenceSession.run()` is a promise around a
// synchronous native call; eager tensors need the result now, so we call the package's
// internal binding directly. It is internal, so the version is pinned and checked, and any
// surprise disables the backend (core then keeps its own kernels).

import { createRequire } from "node:module";

const PINNED = "1.30.0";

interface NativeSession {
  loadModel(buf: ArrayBuffer, offset: number, length: number, options: object): void;
  run(feeds: Record<string, unknown>, fetches: Record<string, null>, options: object): Record<string, { data: Float32Array; dims: number[] }>;
}
interface Runtime {
  binding: { InferenceSession: new () => NativeSession };
  Tensor: new (type: string, data: Float32Array, dims: readonly number[]) => unknown;
}

let runtime: Runtime | null | undefined;
export let unavailableReason = "";

export function loadRuntime(): Runtime | null {
  if (runtime !== undefined) return runtime;
  try {
    const require = createRequire(import.meta.url);
    const version = require("onnxruntime-node/package.json").version;
    if (version !== PINNED) throw new Error(`onnxruntime-node ${version} is installed; the synchronous path is checked against ${PINNED}`);
    const { binding, initOrt } = require("onnxruntime-node/dist/binding");
    const common = require("onnxruntime-common");
    initOrt();
    runtime = { binding, Tensor: common.Tensor };
  } catch (e) {
    unavailableReason = (e as Error).message;
    runtime = null;
  }
  return runtime;
}


/**
 * Work (multiply-adds) below which a product runs on one onnxruntime thread: the pool's hand-off
 * costs more than the second core gives back there, and it gets far worse when the other core is
 * busy (a waiting worker). Measured on W5's shapes (2 cores, busy machine): 64x256x10 ~20 us on
 * 1 thread vs 20-48 us on 2; 10x64x256 25 vs 60-76; 64x784x256 (12.8M) 226-298 vs 542-713.
 * MLAS splits a Gemm over rows/columns, never over k, so the sums are the same on any count.
 */
export const sessionOptions = { threads: 2, singleThreadMacs: 1 << 20 };

/** The thread count for a product of `macs` multiply-adds. */
export const threadsFor = (macs: number) => (macs < sessionOptions.singleThreadMacs ? 1 : sessionOptions.threads);

const cache = new Map<string, NativeSession>();

/** A cached session for `key`, built from `model()` the first time. */
export function session(key: string, model: () => Uint8Array, threads = sessionOptions.threads): NativeSession | null {
  const rt = loadRuntime();
  if (rt === null) return null;
  if (threads !== sessionOptions.threads) key += `|threads=${threads}`;
  let s = cache.get(key);
  if (s === undefined) {
    const bytes = model();
    s = new rt.binding.InferenceSession();
    s.loadModel(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength, {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      graphOptimizationLevel: "all",
      executionMode: "sequential",
    });
    cache.set(key, s);
  }
  return s;
}

export function clearSessions(): void {
  cache.clear();
}

export function runSync(s: NativeSession, feeds: Record<string, [Float32Array, number[]]>, output: string): Float32Array {
  const rt = loadRuntime()!;
  const f: Record<string, unknown> = {};
  for (const [name, [data, dims]] of Object.entries(feeds)) f[name] = new rt.Tensor("float32", data, dims);
  return s.run(f, { [output]: null }, {})[output].data;
}
