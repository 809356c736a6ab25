// PyTorch 1.13's _Formatter: decides integer / fixed / scientific mode and the
// common column width for one tensor, then formats single elements.

import type { PrintOptions } from "./options.ts";
import { pyBoolStr, pyExp, pyFixed, pyIntStr } from "./pyformat.ts";

export type ElementKind = "float" | "int" | "bool";

export class TorchFormatter {
  readonly floating: boolean;
  intMode = true;
  sciMode = false;
  maxWidth = 1;
  private readonly kind: ElementKind;
  private readonly precision: number;

  /** `values` are the elements that will be shown (after summarisation). */
  constructor(values: readonly number[], kind: ElementKind, opts: PrintOptions) {
    this.kind = kind;
    this.floating = kind === "float";
    this.precision = opts.precision;
    if (!this.floating) {
      for (const v of values) this.maxWidth = Math.max(this.maxWidth, this.plain(v).length);
      return;
    }
    // Only finite non-zero values decide the mode and the width; zeros, nan
    // and inf are printed in whatever mode the others chose.
    const vals = values.filter((v) => Number.isFinite(v) && v !== 0);
    // No such value: PyTorch returns early, so even a forced sci_mode is ignored.
    if (vals.length === 0) return;
    let min = Infinity;
    let max = 0;
    for (const v of vals) {
      const a = Math.abs(v);
      if (a < min) min = a;
      if (a > max) max = a;
    }
    for (const v of vals) {
      if (v !== Math.ceil(v)) {
        this.intMode = false;
        break;
      }
    }
    const p = opts.precision;
    // the ratio is computed in double precision, as torch converts to double first
    if (this.intMode) {
      if (max / min > 1000.0 || max > 1.0e8) {
        this.sciMode = true;
        for (const v of vals) this.maxWidth = Math.max(this.maxWidth, pyExp(v, p).length);
      } else {
        // "+1" leaves room for the trailing "." of integral floats
        for (const v of vals) this.maxWidth = Math.max(this.maxWidth, pyFixed(v, 0).length + 1);
      }
    } else if (max / min > 1000.0 || max > 1.0e8 || min < 1.0e-4) {
      this.sciMode = true;
      for (const v of vals) this.maxWidth = Math.max(this.maxWidth, pyExp(v, p).length);
    } else {
      for (const v of vals) this.maxWidth = Math.max(this.maxWidth, pyFixed(v, p).length);
    }
    if (opts.sci_mode !== null) this.sciMode = opts.sci_mode;
  }

  private plain(v: number): string {
    return this.kind === "bool" ? pyBoolStr(v) : pyIntStr(v);
  }

  width(): number {
    return this.maxWidth;
  }

  /** one element, right-aligned to the common width (never truncated) */
  format(v: number): string {
    let ret: string;
    if (this.floating) {
      if (this.sciMode) ret = pyExp(v, this.precision);
      else if (this.intMode) {
        ret = pyFixed(v, 0);
        if (Number.isFinite(v)) ret += ".";
      } else ret = pyFixed(v, this.precision);
    } else {
      ret = this.plain(v);
    }
    return ret.padStart(this.maxWidth, " ");
  }
}
