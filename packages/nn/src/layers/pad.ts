// torch.nn.modules.padding (1.13): ReflectionPad1d/2d/3d, ReplicationPad1d/2d/3d, ZeroPad2d,
// ConstantPad1d/2d/3d over F.pad. An int padding is repeated to 2k entries as _pair/_quadruple/_ntuple(6).

import { PyTuple, float, repr } from "@tsgrad/py";
import { parseArgs } from "../args.ts";
import { ModuleImpl } from "../module.ts";
import { pyclass } from "../pyclass.ts";
import * as F from "../functional/index.ts";
import type { T } from "../functional/util.ts";

function padTuple(p: unknown, n: number): number[] {
  if (typeof p === "number" || typeof p === "bigint") return new Array(n).fill(Number(p));
  return Array.from(p as ArrayLike<number>, Number);
}
function tupleText(p: number[]): string {
  return `(${p.join(", ")}${p.length === 1 ? "," : ""})`;
}

function edgePadClass(name: string, mode: "reflect" | "replicate", k: number) {
  class Impl extends ModuleImpl {
    constructor(...args: unknown[]) {
      super();
      this._pad = padTuple(parseArgs(`${name}.__init__`, ["padding"], args).padding, 2 * k);
      this.padding = new PyTuple(this._pad);
    }
    override forward(x: T): T {
      return F.pad(x, this._pad, mode);
    }
    override extra_repr(): string {
      return tupleText(this._pad);
    }
  }
  return pyclass(Impl, name);
}

function constantPadClass(name: string, k: number, zero: boolean) {
  class Impl extends ModuleImpl {
    constructor(...args: unknown[]) {
      super();
      const a = zero ? parseArgs(`${name}.__init__`, ["padding"], args) : parseArgs(`${name}.__init__`, ["padding", "value"], args);
      this._pad = padTuple(a.padding, 2 * k);
      this.padding = new PyTuple(this._pad);
      this.value = zero ? 0.0 : a.value;
    }
    override forward(x: T): T {
      return F.pad(x, this._pad, "constant", this.value);
    }
    override extra_repr(): string {
      const p = tupleText(this._pad);
      return zero ? p : `padding=${p}, value=${typeof this.value === "bigint" ? String(this.value) : repr(float(this.value))}`;
    }
  }
  return pyclass(Impl, name);
}

export const ReflectionPad1d = edgePadClass("ReflectionPad1d", "reflect", 1);
export const ReflectionPad2d = edgePadClass("ReflectionPad2d", "reflect", 2);
export const ReflectionPad3d = edgePadClass("ReflectionPad3d", "reflect", 3);
export const ReplicationPad1d = edgePadClass("ReplicationPad1d", "replicate", 1);
export const ReplicationPad2d = edgePadClass("ReplicationPad2d", "replicate", 2);
export const ReplicationPad3d = edgePadClass("ReplicationPad3d", "replicate", 3);
export const ZeroPad2d = constantPadClass("ZeroPad2d", 2, true);
export const ConstantPad1d = constantPadClass("ConstantPad1d", 1, false);
export const ConstantPad2d = constantPadClass("ConstantPad2d", 2, false);
export const ConstantPad3d = constantPadClass("ConstantPad3d", 3, false);
