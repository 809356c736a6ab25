// numpy scalars are JS numbers (porting contract). A float64 scalar prints as a Python float,
// so an integral one is float-marked (`2.0`, not `2`); a float32 scalar is a float-marked
// number whose str/repr/format use float32's own shortest digits (`np.float32(0.1)` prints
// `0.1`, not the double `0.10000000149011612`), as numpy prints it.

import { PyFloat, asFloat, fmt } from "@tsgrad/py";
import { printing, type DType } from "@tsgrad/core";

export class Float32Scalar extends PyFloat {
  static override __name__ = "float32";
  __str__(): string {
    return printing.numpyScalarStr(this.valueOf(), "float", "float32");
  }
  __repr__(): string {
    return this.__str__();
  }
  /** np.float32 has no __format__ of its own: f-strings format its double value as a
   *  Python float (`f"{np.float32(0.3)}"` is `0.30000001192092896`), though str() is `0.3`. */
  __format__(spec: string): string {
    return fmt(asFloat(this.valueOf()), spec);
  }
  override toString(radix?: number): string {
    return radix === undefined || radix === 10 ? this.__str__() : super.toString(radix);
  }
}

export function float32Scalar(v: number): number {
  return new Float32Scalar(Math.fround(v)) as unknown as number;
}

/** The numpy scalar for one element of an array of dtype `d`. */
export function toScalar(v: number, d: DType): number | boolean {
  if (d.kind === "bool") return v !== 0;
  if (d.kind === "int") return v;
  return d.name === "float32" ? float32Scalar(v) : asFloat(v);
}
