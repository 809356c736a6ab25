// print() and the streams it writes to.
//
// Output goes straight to process.stdout.write: for files and pipes (and Linux TTYs) Node
// writes synchronously, so print never reorders with console.log or with a child's output.
// `stdout.write` / `stderr.write` are plain properties so tests can swap the sink.

import { pyStr } from "./repr.ts";

export interface Writable {
  write(s: string): unknown;
  flush?(): unknown;
}

function processStream(name: "stdout" | "stderr"): (s: string) => void {
  return (s: string) => {
    const p = (globalThis as any).process;
    if (p?.[name]?.write) p[name].write(s);
    else (name === "stdout" ? console.log : console.error)(s.replace(/\n$/, ""));
  };
}

/** sys.stdout: print's default file. Replace `stdout.write` to redirect. */
export const stdout: Writable & { write(s: string): unknown } = { write: processStream("stdout") };
/** sys.stderr: where warnings go. */
export const stderr: Writable & { write(s: string): unknown } = { write: processStream("stderr") };
/** `sys.stdout` / `sys.stderr`, for `print(x, { file: sys.stderr })`. */
export const sys = { stdout, stderr };

export interface PrintOptions {
  sep?: string | null;
  end?: string | null;
  file?: Writable | null;
  flush?: boolean;
}

const PRINT_KEYS = new Set(["sep", "end", "file", "flush"]);

/** A trailing plain, non-empty object whose keys are all print's keywords. */
function isPrintOptions(x: unknown): x is PrintOptions {
  if (x === null || typeof x !== "object") return false;
  const proto = Object.getPrototypeOf(x);
  if (proto !== Object.prototype && proto !== null) return false;
  const keys = Object.keys(x);
  return keys.length > 0 && keys.every((k) => PRINT_KEYS.has(k));
}

/** Python's print(*objects, sep=' ', end='\n', file=sys.stdout, flush=False). */
export function print(...args: unknown[]): void {
  let opts: PrintOptions = {};
  if (args.length > 0 && isPrintOptions(args[args.length - 1])) opts = args.pop() as PrintOptions;
  const sep = opts.sep ?? " ";
  const end = opts.end ?? "\n";
  const file = opts.file ?? stdout;
  file.write(args.map(pyStr).join(sep) + end);
  if (opts.flush && typeof file.flush === "function") file.flush();
}

/**
 * Run `cb` with stdout (and, with `{ stderr: true }`, stderr too) captured; returns the text.
 * For tests of ported programs; restores the sinks even if `cb` throws.
 */
export function captureOutput(cb: () => void, options: { stderr?: boolean } = {}): string {
  let out = "";
  const saved = [stdout.write, stderr.write];
  stdout.write = (s: string) => (out += s);
  if (options.stderr) stderr.write = (s: string) => (out += s);
  try {
    cb();
  } finally {
    [stdout.write, stderr.write] = saved;
  }
  return out;
}
