// Python's warnings module: warn, simplefilter, filterwarnings, resetwarnings, catch_warnings,
// and the showwarning/formatwarning hooks.
//
// Differences from CPython, on purpose:
// - There is no module notion, so no `default::DeprecationWarning:__main__` filter: with no
//   filter set every category gets the "default" action (shown once per location), as a
//   warning raised from a tutorial's own script is in Python.
// - The location is the calling JS/TS file and line (from the stack; `<stdin>:1` when it
//   cannot be found, `sys:1` when stacklevel goes past the stack), and the source line that
//   Python prints under the message is omitted: it would be TypeScript, not the Python line.

import { fileURLToPath } from "node:url";
import { AssertionError_, pyStrRepr, TypeError_, UserWarning, Warning } from "./exceptions.ts";
import { stderr } from "./print.ts";
import { pyStr } from "./repr.ts";

export type WarningCategory = new (message?: string) => Warning;
export type Action = "error" | "ignore" | "always" | "all" | "default" | "module" | "once";

const ACTIONS = new Set(["error", "ignore", "always", "all", "default", "module", "once"]);

export interface Filter {
  action: Action;
  message: RegExp | null;
  category: WarningCategory;
  module: RegExp | null;
  lineno: number;
}

/** A recorded warning, as catch_warnings(record=True) collects it. */
export class WarningMessage {
  constructor(
    /** The Warning instance: `str(w.message)` is the text. */
    readonly message: Warning,
    readonly category: WarningCategory,
    readonly filename: string,
    readonly lineno: number,
    readonly file: unknown = null,
    readonly line: string | null = null,
  ) {}
  __str__(): string {
    return (
      `{message : ${this.message.__repr__()}, category : ${pyStrRepr(this.category.name)}, ` +
      `filename : ${pyStrRepr(this.filename)}, lineno : ${this.lineno}, line : ${this.line === null ? "None" : pyStrRepr(this.line)}}`
    );
  }
}

// State. `registry` remembers what "default"/"module"/"once" already showed; as in CPython,
// any change to the filters forgets it.
let filters: Filter[] = [];
let registry = new Set<string>();

function filtersMutated(): void {
  registry = new Set();
}

function checkCategory(category: unknown): WarningCategory {
  if (typeof category !== "function" || !(category === Warning || category.prototype instanceof Warning)) {
    const name = typeof category === "function" ? category.name : typeof category;
    throw new TypeError_(`category must be a Warning subclass, not '${name}'`);
  }
  return category as WarningCategory;
}

function checkAction(action: string): Action {
  if (!ACTIONS.has(action)) throw new AssertionError_(`invalid action: ${pyStrRepr(action)}`);
  return action as Action;
}

function addFilter(f: Filter, append: boolean): void {
  // An identical filter already present is moved, not duplicated (as CPython does).
  const same = (g: Filter) =>
    g.action === f.action && g.category === f.category && g.lineno === f.lineno &&
    String(g.message) === String(f.message) && String(g.module) === String(f.module);
  filters = filters.filter((g) => !same(g));
  if (append) filters.push(f);
  else filters.unshift(f);
  filtersMutated();
}

/** warnings.simplefilter(action, category=Warning, lineno=0, append=False). */
function simplefilter(action: Action, category: WarningCategory = Warning, lineno = 0, append = false): void {
  addFilter({ action: checkAction(action), message: null, category: checkCategory(category), module: null, lineno }, append);
}

/** warnings.filterwarnings(action, message="", category=Warning, module="", lineno=0, append=False). */
function filterwarnings(
  action: Action,
  message = "",
  category: WarningCategory = Warning,
  module = "",
  lineno = 0,
  append = false,
): void {
  addFilter(
    {
      action: checkAction(action),
      // Python matches the message regex case-insensitively at the start of the text.
      message: message ? new RegExp("^(?:" + message + ")", "i") : null,
      category: checkCategory(category),
      module: module ? new RegExp("^(?:" + module + ")$") : null,
      lineno,
    },
    append,
  );
}

/** warnings.resetwarnings(): drop every filter. */
function resetwarnings(): void {
  filters = [];
  filtersMutated();
}

const THIS_FILE = (() => {
  try {
    return fileURLToPath(import.meta.url);
  } catch {
    return "";
  }
})();

function framePath(frame: string): [string, number] | null {
  const m = /\(?((?:file:\/\/)?[^()\s]+?):(\d+):\d+\)?\s*$/.exec(frame);
  if (!m) return null;
  let file = m[1];
  if (file.startsWith("file://")) {
    try {
      file = fileURLToPath(file);
    } catch {
      /* keep the URL */
    }
  }
  return [file, Number(m[2])];
}

/** The file and line `stacklevel` frames above warn()'s caller (1 = the caller). */
function callerLocation(stacklevel: number): [string, number] {
  const saved = Error.stackTraceLimit;
  Error.stackTraceLimit = Math.max(saved, stacklevel + 20);
  const stack = new Error().stack ?? "";
  Error.stackTraceLimit = saved;
  const frames = stack
    .split("\n")
    .slice(1)
    .map(framePath)
    .filter((f): f is [string, number] => f !== null);
  if (frames.length === 0) return ["<stdin>", 1];
  let i = 0;
  while (i < frames.length && frames[i][0] === THIS_FILE) i++;
  const f = frames[i + Math.max(1, stacklevel) - 1];
  return f ?? ["sys", 1];
}

/** warnings.formatwarning(message, category, filename, lineno, line=None). */
function formatwarning(message: unknown, category: WarningCategory, filename: string, lineno: number, line: string | null = null): string {
  let s = `${filename}:${lineno}: ${category.name}: ${pyStr(message)}\n`;
  if (line) s += `  ${line.trim()}\n`;
  return s;
}

/** warnings.showwarning(message, category, filename, lineno, file=None, line=None): to stderr. */
function showwarning(
  message: Warning,
  category: WarningCategory,
  filename: string,
  lineno: number,
  file: { write(s: string): unknown } | null = null,
  line: string | null = null,
): void {
  (file ?? stderr).write(warnings.formatwarning(message, category, filename, lineno, line));
}

interface WarnOptions {
  category?: WarningCategory;
  stacklevel?: number;
  source?: unknown;
}

function isWarnOptions(x: unknown): x is WarnOptions {
  if (x === null || typeof x !== "object" || Object.getPrototypeOf(x) !== Object.prototype) return false;
  return Object.keys(x).every((k) => k === "category" || k === "stacklevel" || k === "source");
}

/**
 * warnings.warn(message, category=UserWarning, stacklevel=1). Keywords may come as an object:
 * `warnings.warn("msg", { stacklevel: 2 })`. `message` may be a Warning instance.
 */
function warn(message: unknown, category?: WarningCategory | WarnOptions | null, stacklevel = 1): void {
  if (isWarnOptions(category)) {
    stacklevel = category.stacklevel ?? stacklevel;
    category = category.category;
  }
  let cat: WarningCategory;
  let instance: Warning;
  if (message instanceof Warning) {
    instance = message;
    cat = message.constructor as WarningCategory;
  } else {
    cat = checkCategory(category ?? UserWarning);
    instance = new cat(pyStr(message));
  }
  const text = pyStr(instance);
  const [filename, lineno] = callerLocation(stacklevel);

  let action: Action = "default";
  for (const f of filters) {
    if (f.message && !f.message.test(text)) continue;
    if (!(cat === f.category || cat.prototype instanceof f.category)) continue;
    if (f.module && !f.module.test(filename)) continue;
    if (f.lineno && f.lineno !== lineno) continue;
    action = f.action;
    break;
  }
  if (action === "error") throw instance;
  if (action === "ignore") return;
  if (action === "once" || action === "module" || action === "default") {
    const key =
      action === "once" ? `once\0${cat.name}\0${text}`
      : action === "module" ? `module\0${filename}\0${cat.name}\0${text}`
      : `default\0${filename}\0${lineno}\0${cat.name}\0${text}`;
    if (registry.has(key)) return;
    registry.add(key);
  }
  warnings.showwarning(instance, cat, filename, lineno, null, null);
}

export interface CatchWarningsOptions {
  record?: boolean;
  action?: Action;
  category?: WarningCategory;
  lineno?: number;
  append?: boolean;
}

/**
 * `with warnings.catch_warnings(record=True) as caught:` is
 * `warnings.catch_warnings({ record: true }, (caught) => { ... })`. Filters and showwarning are
 * restored when the callback returns (or its promise settles); returns the callback's value.
 */
function catch_warnings<R>(options: CatchWarningsOptions, cb: (caught: WarningMessage[]) => R): R;
function catch_warnings<R>(cb: () => R): R;
function catch_warnings<R>(a: CatchWarningsOptions | (() => R), b?: (caught: WarningMessage[]) => R): R {
  const options: CatchWarningsOptions = typeof a === "function" ? {} : a;
  const cb = (typeof a === "function" ? a : b) as (caught: WarningMessage[]) => R;
  const savedFilters = filters.slice();
  const savedShow = warnings.showwarning;
  filtersMutated();
  const log: WarningMessage[] = [];
  if (options.record) {
    warnings.showwarning = (message, category, filename, lineno, file = null, line = null) => {
      log.push(new WarningMessage(message, category, filename, lineno, file, line));
    };
  }
  if (options.action) simplefilter(options.action, options.category ?? Warning, options.lineno ?? 0, options.append ?? false);
  const restore = () => {
    filters = savedFilters;
    warnings.showwarning = savedShow;
    filtersMutated();
  };
  let result: R;
  try {
    result = cb(options.record ? log : (undefined as unknown as WarningMessage[]));
  } catch (e) {
    restore();
    throw e;
  }
  if (result && typeof (result as any).then === "function") {
    return (result as any).finally(restore) as R;
  }
  restore();
  return result;
}

/** The warnings module. `showwarning` and `formatwarning` may be replaced, as in Python. */
export const warnings = {
  warn,
  simplefilter,
  filterwarnings,
  resetwarnings,
  catch_warnings,
  showwarning,
  formatwarning,
  WarningMessage,
  /** The active filters, first match wins (a copy). */
  get filters(): readonly Filter[] {
    return filters.slice();
  },
};
