// Python's str.format: `format("{} and {name:>5}", x, { name: y })`, and the `f` template tag.
//
// Replacement fields: {[field_name][!conversion][:format_spec]} with field_name = "" (automatic
// numbering) | digits | identifier, then any number of `.attr` / `[key]`. Format specs may
// contain nested fields (`{:{width}.{prec}f}`). `{{` and `}}` are literal braces.

import { IndexError, KeyError, ValueError } from "./exceptions.ts";
import { fmt } from "./format_spec.ts";
import { pyAscii, pyRepr, pyStr } from "./repr.ts";

type Kwargs = Record<string, unknown>;

function isPlainObject(x: unknown): x is Kwargs {
  if (x === null || typeof x !== "object") return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** True when the template names a field (`{name}`), so a trailing plain object is kwargs. */
function usesNamedFields(template: string): boolean {
  return /\{(?!\{)\s*[A-Za-z_\u0080-\uffff]/.test(template.replace(/\{\{/g, ""));
}

interface Counter {
  auto: number;
  mode: "auto" | "manual" | null;
}

function getField(name: string, args: unknown[], kwargs: Kwargs, counter: Counter): unknown {
  // Split the first name from its accessors.
  const m = /^([^.[]*)(.*)$/s.exec(name)!;
  const first = m[1];
  let accessors = m[2];
  let value: unknown;
  if (first === "") {
    if (counter.mode === "manual") throw new ValueError("cannot switch from manual field specification to automatic field numbering");
    counter.mode = "auto";
    const i = counter.auto++;
    if (i >= args.length) throw new IndexError(`Replacement index ${i} out of range for positional args tuple`);
    value = args[i];
  } else if (/^\d+$/.test(first)) {
    if (counter.mode === "auto") throw new ValueError("cannot switch from automatic field numbering to manual field specification");
    counter.mode = "manual";
    const i = Number(first);
    if (i >= args.length) throw new IndexError(`Replacement index ${i} out of range for positional args tuple`);
    value = args[i];
  } else {
    if (!(first in kwargs)) throw new KeyError(first);
    value = kwargs[first];
  }
  while (accessors) {
    let a: RegExpExecArray | null;
    if ((a = /^\.([^.[]+)/.exec(accessors))) {
      value = (value as any)[a[1]];
    } else if ((a = /^\[([^\]]+)\]/.exec(accessors))) {
      const key: string | number = /^\d+$/.test(a[1]) ? Number(a[1]) : a[1];
      const o = value as any;
      if (o instanceof Map) value = o.has(key) ? o.get(key) : o.get(String(key));
      else if (typeof o?.__getitem__ === "function") value = o.__getitem__(key);
      else value = o[key];
    } else {
      throw new ValueError("Only '.' or '[' may follow ']' in format field specifier");
    }
    accessors = accessors.slice(a[0].length);
  }
  return value;
}

function render(template: string, args: unknown[], kwargs: Kwargs, counter: Counter, depth: number): string {
  if (depth > 2) throw new ValueError("Max string recursion exceeded");
  let out = "";
  let i = 0;
  const n = template.length;
  while (i < n) {
    const ch = template[i];
    if (ch === "}") {
      if (template[i + 1] === "}") {
        out += "}";
        i += 2;
        continue;
      }
      throw new ValueError("Single '}' encountered in format string");
    }
    if (ch !== "{") {
      out += ch;
      i++;
      continue;
    }
    if (i + 1 === n) throw new ValueError("Single '{' encountered in format string");
    if (template[i + 1] === "{") {
      out += "{";
      i += 2;
      continue;
    }
    // Find the matching '}', counting nested braces of the spec.
    let level = 1;
    let j = i + 1;
    let inBracket = false;
    for (; j < n; j++) {
      const c = template[j];
      if (c === "[" && level === 1) inBracket = true;
      else if (c === "]") inBracket = false;
      else if (!inBracket && c === "{") level++;
      else if (!inBracket && c === "}" && --level === 0) break;
    }
    if (j >= n) throw new ValueError(level > 1 ? "unmatched '{' in format spec" : "expected '}' before end of string");
    const field = template.slice(i + 1, j);
    i = j + 1;
    // field_name ends at the first '!' or ':' outside brackets.
    let k = 0;
    let br = false;
    for (; k < field.length; k++) {
      const c = field[k];
      if (c === "[") br = true;
      else if (c === "]") br = false;
      else if (!br && (c === "!" || c === ":")) break;
    }
    const name = field.slice(0, k);
    let conversion: string | null = null;
    let spec = "";
    let rest = field.slice(k);
    if (rest.startsWith("!")) {
      conversion = rest[1] ?? "";
      if (rest.length > 2 && rest[2] !== ":") throw new ValueError("expected ':' after conversion specifier");
      if (!conversion || rest.length === 1) throw new ValueError("end of string while looking for conversion specifier");
      rest = rest.slice(2);
    }
    // The field's own value takes its automatic number before the nested fields of its spec.
    let value = getField(name, args, kwargs, counter);
    if (rest.startsWith(":")) spec = render(rest.slice(1), args, kwargs, counter, depth + 1);
    if (conversion === "r") value = pyRepr(value);
    else if (conversion === "s") value = pyStr(value);
    else if (conversion === "a") value = pyAscii(value);
    else if (conversion !== null) throw new ValueError(`Unknown conversion specifier ${conversion}`);
    out += fmt(value, spec);
  }
  return out;
}

/**
 * Python's `template.format(*args, **kwargs)`. Keyword arguments come as a trailing plain
 * object, taken as kwargs only when the template names a field (`{name}`); otherwise a
 * trailing plain object is a positional dict argument.
 */
export function format(template: string, ...args: unknown[]): string {
  let kwargs: Kwargs = {};
  if (args.length > 0 && isPlainObject(args[args.length - 1]) && usesNamedFields(template)) {
    kwargs = args.pop() as Kwargs;
  }
  return render(template, args, kwargs, { auto: 0, mode: null }, 0);
}

/**
 * The f-string tag: ``f`${i + 1}/${n} loss:${l}` `` is Python's f"{i+1}/{n} loss:{l}". Each
 * value gets Python's format(value, "") (its __format__, else str()).
 */
export function f(strings: TemplateStringsArray, ...values: unknown[]): string {
  let out = strings[0] ?? strings.raw[0];
  for (let i = 0; i < values.length; i++) {
    out += fmt(values[i], "");
    out += strings[i + 1] ?? strings.raw[i + 1];
  }
  return out;
}
