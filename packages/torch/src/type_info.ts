// torch.finfo / torch.iinfo: the numeric limits of a dtype, as PyTorch 1.13 reports and prints them.

import * as core from "@tsgrad/core";
import { TypeError as PyTypeError, fmt, markFloat } from "@tsgrad/py";

type DType = core.DType;

const FLOAT_INFO: Record<string, { bits: number; eps: number; max: number; tiny: number; resolution: number }> = {
  float32: { bits: 32, eps: 2 ** -23, max: 3.4028234663852886e38, tiny: 1.1754943508222875e-38, resolution: 1e-6 },
  float64: { bits: 64, eps: 2 ** -52, max: 1.7976931348623157e308, tiny: 2.2250738585072014e-308, resolution: 1e-15 },
};

const INT_INFO: Record<string, { bits: number; min: bigint; max: bigint }> = {
  uint8: { bits: 8, min: 0n, max: 255n },
  int8: { bits: 8, min: -128n, max: 127n },
  int16: { bits: 16, min: -32768n, max: 32767n },
  int32: { bits: 32, min: -2147483648n, max: 2147483647n },
  int64: { bits: 64, min: -9223372036854775808n, max: 9223372036854775807n },
};

/** A Python int: a JS number when it is exact, else a bigint. */
const pyInt = (v: bigint) => (v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);

export class finfo {
  static __module__ = "torch";
  readonly bits: number;
  readonly eps: number;
  readonly max: number;
  readonly min: number;
  readonly tiny: number;
  readonly smallest_normal: number;
  readonly resolution: number;
  readonly dtype: string;
  constructor(type?: DType | null) {
    const d = type ?? core.get_default_dtype();
    const info = FLOAT_INFO[d.name];
    if (info === undefined) throw new PyTypeError("torch.finfo() requires a floating point input type. Use torch.iinfo to handle 'torch.finfo'");
    this.bits = info.bits;
    this.eps = markFloat(info.eps) as number;
    this.max = markFloat(info.max) as number;
    this.min = markFloat(-info.max) as number;
    this.tiny = markFloat(info.tiny) as number;
    this.smallest_normal = this.tiny;
    this.resolution = markFloat(info.resolution) as number;
    this.dtype = d.name;
  }
  __repr__(): string {
    const g = (v: number) => fmt(Number(v), "g");
    return `finfo(resolution=${g(this.resolution)}, min=${g(this.min)}, max=${g(this.max)}, eps=${g(this.eps)}, smallest_normal=${g(this.smallest_normal)}, tiny=${g(this.tiny)}, dtype=${this.dtype})`;
  }
  __str__(): string {
    return this.__repr__();
  }
}

export class iinfo {
  static __module__ = "torch";
  readonly bits: number;
  readonly max: number | bigint;
  readonly min: number | bigint;
  readonly dtype: string;
  constructor(type: DType) {
    const info = type instanceof core.DType ? INT_INFO[type.name] : undefined;
    if (info === undefined) throw new PyTypeError("torch.iinfo() requires an integer input type. Use torch.finfo to handle 'torch.iinfo'");
    this.bits = info.bits;
    this.max = pyInt(info.max);
    this.min = pyInt(info.min);
    this.dtype = type.name;
  }
  __repr__(): string {
    const g = (v: number | bigint) => fmt(Number(v), "g");
    return `iinfo(min=${g(this.min)}, max=${g(this.max)}, dtype=${this.dtype})`;
  }
  __str__(): string {
    return this.__repr__();
  }
}
