// Python's exception classes as the frameworks raise them. `name` is Python's class name so a
// ported `except RuntimeError as e: print(e)` prints what Python prints, and `instanceof` works
// as `except` does (subclasses included).

export class PyException extends Error {
  constructor(message = "") {
    super(message);
    // Error's constructor sets the prototype of the base class; restore the subclass name.
    this.name = new.target.name;
  }
  /** str(e): the message, as Python's BaseException.__str__ gives it. */
  __str__(): string {
    return this.message;
  }
  /** repr(e): `RuntimeError('message')`. */
  __repr__(): string {
    return `${this.name}(${pyStrRepr(this.message)})`;
  }
}

export class RuntimeError extends PyException {}
export class TypeError_ extends PyException {}
export class ValueError extends PyException {}
export class IndexError extends PyException {}
export class KeyError extends PyException {
  // Python's KeyError shows the repr of the missing key.
  override __str__(): string {
    return pyStrRepr(this.message);
  }
}
export class AttributeError extends PyException {}
export class NotImplementedError extends RuntimeError {}
export class ZeroDivisionError extends PyException {}
export class AssertionError_ extends PyException {}
export class StopIteration_ extends PyException {}

// Warning categories (Python's hierarchy: Warning <- UserWarning / DeprecationWarning).
export class Warning extends PyException {}
export class UserWarning extends Warning {}
export class DeprecationWarning extends Warning {}

// Python names that clash with JS globals are exported under both names; ported code imports
// `TypeError` from a dialect or from @tsgrad/py and gets Python's class.
Object.defineProperty(TypeError_, "name", { value: "TypeError" });
Object.defineProperty(AssertionError_, "name", { value: "AssertionError" });
Object.defineProperty(StopIteration_, "name", { value: "StopIteration" });
export { TypeError_ as TypeError, AssertionError_ as AssertionError, StopIteration_ as StopIteration };

/** Python's repr of a str: single quotes unless the text holds a single quote and no double. */
export function pyStrRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    if (ch === "\\") out += "\\\\";
    else if (ch === q) out += "\\" + q;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch !== " " && NON_PRINTABLE.test(ch)) out += hexEscape(ch.codePointAt(0)!);
    else out += ch;
  }
  return out + q;
}

// Characters str.isprintable() rejects: other (control, format, surrogate, private use,
// unassigned) and separators other than the ASCII space. Python escapes them in repr.
const NON_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u;

function hexEscape(c: number): string {
  if (c <= 0xff) return "\\x" + c.toString(16).padStart(2, "0");
  if (c <= 0xffff) return "\\u" + c.toString(16).padStart(4, "0");
  return "\\U" + c.toString(16).padStart(8, "0");
}

export class OverflowError extends PyException {}
export class FutureWarning extends Warning {}
export class RuntimeWarning extends Warning {}
export class PendingDeprecationWarning extends Warning {}
