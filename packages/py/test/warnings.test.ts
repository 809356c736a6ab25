import { afterEach, describe, expect, it } from "vitest";
import {
  captureOutput, DeprecationWarning, print, RuntimeWarning, stderr, str, UserWarning, warnings, Warning,
} from "../src/index.ts";

function stderrOf(cb: () => void): string {
  let out = "";
  const saved = stderr.write;
  stderr.write = (s: string) => (out += s);
  try {
    cb();
  } finally {
    stderr.write = saved;
  }
  return out;
}

afterEach(() => warnings.resetwarnings());

describe("warnings", () => {
  it("prints `file:line: Category: message` to stderr, once per location", () => {
    const out = stderrOf(() => {
      for (let i = 0; i < 3; i++) warnings.warn("loop warning");
      warnings.warn("other", DeprecationWarning);
    });
    const lines = out.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/warnings\.test\.ts:\d+: UserWarning: loop warning$/);
    expect(lines[1]).toMatch(/warnings\.test\.ts:\d+: DeprecationWarning: other$/);
    // The caller's line, not a line inside warnings.ts.
    const [, line] = /:(\d+): UserWarning/.exec(lines[0])!;
    expect(Number(line)).toBeGreaterThan(20);
  });
  it("stacklevel=2 points at the caller's caller", () => {
    function lib() {
      warnings.warn("from lib", { stacklevel: 2 });
    }
    const a = stderrOf(() => lib());
    const b = stderrOf(() => lib());
    expect(a).toMatch(/warnings\.test\.ts:\d+: UserWarning: from lib\n/);
    // Different call sites are different locations: both show.
    expect(b).not.toBe("");
    expect(a).not.toBe(b);
  });
  it("simplefilter('error') raises the category; 'ignore' silences; 'always' repeats", () => {
    warnings.simplefilter("error");
    expect(() => warnings.warn("bad", RuntimeWarning)).toThrow(RuntimeWarning);
    try {
      warnings.warn("bad2");
    } catch (e) {
      expect(e).toBeInstanceOf(UserWarning);
      expect(str(e)).toBe("bad2");
    }
    warnings.simplefilter("ignore");
    expect(stderrOf(() => warnings.warn("quiet"))).toBe("");
    warnings.simplefilter("always");
    expect(stderrOf(() => [1, 2].forEach(() => warnings.warn("again"))).split("\n")).toHaveLength(3);
  });
  it("filters match by category and message", () => {
    warnings.filterwarnings("ignore", "skip.*");
    warnings.simplefilter("error", DeprecationWarning);
    expect(stderrOf(() => warnings.warn("Skip me"))).toBe("");
    expect(stderrOf(() => warnings.warn("show me"))).toMatch(/UserWarning: show me/);
    expect(() => warnings.warn("dep", DeprecationWarning)).toThrow(DeprecationWarning);
  });
  it("catch_warnings(record) collects and restores", () => {
    warnings.simplefilter("error");
    const n = warnings.catch_warnings({ record: true }, (caught) => {
      warnings.simplefilter("always");
      warnings.warn("one");
      warnings.warn("two", DeprecationWarning);
      expect(caught).toHaveLength(2);
      expect(str(caught[0].message)).toBe("one");
      expect(caught[0].category).toBe(UserWarning);
      expect(caught[1].message).toBeInstanceOf(DeprecationWarning);
      expect(caught[1].category.name).toBe("DeprecationWarning");
      return caught.length;
    });
    expect(n).toBe(2);
    // The "error" filter is back.
    expect(() => warnings.warn("after")).toThrow(UserWarning);
  });
  it("catch_warnings with an action, and a Warning instance as message", () => {
    const got = warnings.catch_warnings({ record: true, action: "always" }, (caught) => {
      warnings.warn(new RuntimeWarning("inst"));
      return caught.map((w) => `${w.category.name}: ${str(w.message)}`);
    });
    expect(got).toEqual(["RuntimeWarning: inst"]);
    expect(() => warnings.warn("x", Error as any)).toThrow("category must be a Warning subclass");
    expect(() => warnings.simplefilter("bogus" as any)).toThrow("invalid action: 'bogus'");
  });
  it("showwarning is replaceable", () => {
    const saved = warnings.showwarning;
    const seen: string[] = [];
    warnings.showwarning = (m, c) => void seen.push(`${c.name}:${str(m)}`);
    try {
      warnings.warn("hooked", Warning);
    } finally {
      warnings.showwarning = saved;
    }
    expect(seen).toEqual(["Warning:hooked"]);
    expect(warnings.formatwarning("m", UserWarning, "<stdin>", 1)).toBe("<stdin>:1: UserWarning: m\n");
  });
  it("print to stderr via file", () => {
    const out = stderrOf(() => print("err", { file: stderr }));
    expect(out).toBe("err\n");
    expect(captureOutput(() => print("x"))).toBe("x\n");
  });
});
