// Loads the golden printing fixtures written by compat-tests/golden/gen_printing.py.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const GOLDEN = fileURLToPath(new URL("../../../compat-tests/golden/", import.meta.url));

export type Encoded = number | "nan" | "inf" | "-inf" | "-0.0";

export function decode(v: Encoded): number {
  if (v === "nan") return NaN;
  if (v === "inf") return Infinity;
  if (v === "-inf") return -Infinity;
  if (v === "-0.0") return -0;
  return v;
}

export interface TorchCase {
  name: string;
  values: Encoded[];
  shape: number[];
  dtype: string;
  kind: "float" | "int" | "bool";
  default_dtype: string;
  requires_grad: boolean;
  grad_fn: string | null;
  print_options: Record<string, unknown>;
  expected: string;
}

export interface NumpyCase {
  name: string;
  mode: "array2string" | "str" | "repr";
  values: Encoded[];
  shape: number[];
  dtype: string;
  kind: "float" | "int" | "bool";
  options: Record<string, unknown>;
  expected: string;
}

export function loadTorchCases(): TorchCase[] {
  return JSON.parse(readFileSync(GOLDEN + "printing.json", "utf8")).cases;
}

export function loadNumpyCases(): NumpyCase[] {
  return JSON.parse(readFileSync(GOLDEN + "numpy_printing.json", "utf8")).cases;
}
