// The comparison at the heart of the conformance suite: an example's captured output against
// the document's text, after that example's allowed deviations (deviations.ts). Pure functions,
// so test/runner.test.ts can check them on synthetic inputs without running anything.

/** One allowed difference between the document's text and what a correct port prints. */
export type Deviation =
  /** Replace `from` by `to` in the document's text, as a whole identifier (so `AddBackward`
   *  does not touch `ThAddBackward` or `AddBackward0`). */
  | { example: string; kind: "substitute"; from: string; to: string; reason: string }
  /** Every match of the regex `pattern` in the document's text stands for any match of it in
   *  the output (object addresses such as `0x1100477b8`). */
  | { example: string; kind: "wildcard"; pattern: string; reason: string }
  /** On 1-based expected line `line`, numbers may differ by up to `atol`; the text between
   *  them must still be identical. */
  | { example: string; kind: "tolerance"; line: number; atol: number; reason: string }
  /** 1-based expected lines `line`..`to` (`to` defaults to `line`) print values that depend on
   *  an unseeded random draw, which no run can share with the document's. Every match of the
   *  regex `pattern` in them stands for any match of it in the output (the line's format is
   *  still checked), and with `atol` each number must be within `atol` of the document's, the
   *  text between numbers equal up to spaces (numpy pads columns to the widest value, so the
   *  padding follows the draw too). Never reported as unneeded: a lucky draw may print the
   *  document's very text. */
  | { example: string; kind: "unseeded"; line: number; to?: number; pattern?: string; atol?: number; reason: string };

export interface Mismatch {
  /** 1-based line number in the expected text. */
  line: number;
  /** The expected line after deviations, or null when the output has more lines than expected. */
  expected: string | null;
  /** The actual line, or null when the output ended early. */
  actual: string | null;
}

export interface Comparison {
  ok: boolean;
  mismatch: Mismatch | null;
  /** Deviations that found nothing to apply to in the expected text: stale entries. */
  unused: Deviation[];
}

const IDENT = "A-Za-z0-9_";

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `from` as a whole identifier-boundary-delimited token, all occurrences. */
function substitutionRegex(from: string): RegExp {
  return new RegExp(`(?<![${IDENT}])${escapeRegex(from)}(?![${IDENT}])`, "g");
}

/** A whole-line matcher for an expected line whose wildcard parts may vary. */
function wildcardLineRegex(line: string, patterns: readonly string[]): RegExp | null {
  const any = new RegExp(patterns.map((p) => `(?:${p})`).join("|"), "g");
  let out = "";
  let last = 0;
  let found = false;
  for (const m of line.matchAll(any)) {
    if (m[0] === "") continue; // an empty match would make the line match anything there
    found = true;
    out += escapeRegex(line.slice(last, m.index)) + `(?:${any.source})`;
    last = m.index + m[0].length;
  }
  if (!found) return null;
  return new RegExp(`^${out}${escapeRegex(line.slice(last))}$`);
}

const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g;

/** Text between numbers must be equal; the numbers, in order, within atol. */
function withinTolerance(expected: string, actual: string, atol: number): boolean {
  const en = expected.match(NUMBER) ?? [];
  const an = actual.match(NUMBER) ?? [];
  if (en.length !== an.length) return false;
  if (expected.split(NUMBER).join("\u0000") !== actual.split(NUMBER).join("\u0000")) return false;
  // The slack keeps a difference of exactly atol in decimal text (2.0001 vs 2.0000, atol 1e-4)
  // inside, though its binary subtraction comes out a hair above atol.
  return en.every((e, i) => Math.abs(Number(e) - Number(an[i])) <= atol * (1 + 1e-9));
}

/** withinTolerance, but the text between numbers may differ in spaces. */
function nearUpToSpaces(expected: string, actual: string, atol: number): boolean {
  const squash = (t: string) => t.replace(NUMBER, (m) => ` ${m} `).replace(/\s+/g, " ").trim();
  return withinTolerance(squash(expected), squash(actual), atol);
}

type Unseeded = Extract<Deviation, { kind: "unseeded" }>;

/** Split into lines; a final newline does not start another line (so "" is zero lines). */
function lines(text: string): string[] {
  if (text === "") return [];
  const ls = text.split("\n");
  if (ls[ls.length - 1] === "") ls.pop();
  return ls;
}

/**
 * Compare `actual` with the document's `expected` text. With no deviations this is byte for
 * byte: equal strings pass and nothing else does (a missing or extra final newline is a
 * mismatch, reported on the last line).
 */
export function compareOutput(
  expected: string,
  actual: string,
  deviations: readonly Deviation[],
): Comparison {
  const used = new Set<Deviation>();
  let exp = lines(expected);
  for (const d of deviations) {
    if (d.kind !== "substitute") continue;
    const re = substitutionRegex(d.from);
    exp = exp.map((l) => {
      const r = l.replace(re, d.to);
      if (r !== l) used.add(d);
      return r;
    });
  }
  const wildcards = deviations.filter((d) => d.kind === "wildcard");
  for (const d of wildcards) {
    const re = new RegExp(d.pattern);
    if (exp.some((l) => re.test(l))) used.add(d);
  }
  const patterns = wildcards.map((d) => d.pattern);
  const tolerances = new Map<number, number>();
  for (const d of deviations) {
    if (d.kind !== "tolerance") continue;
    if (d.line >= 1 && d.line <= exp.length) {
      used.add(d);
      tolerances.set(d.line, d.atol);
    }
  }

  const unseeded = new Map<number, Unseeded>();
  for (const d of deviations) {
    if (d.kind !== "unseeded") continue;
    for (let l = d.line; l <= (d.to ?? d.line); l++) {
      if (l >= 1 && l <= exp.length) {
        used.add(d);
        unseeded.set(l, d);
      }
    }
  }

  const act = lines(actual);
  let mismatch: Mismatch | null = null;
  for (let i = 0; i < Math.max(exp.length, act.length); i++) {
    const e = exp[i] ?? null;
    const a = act[i] ?? null;
    if (e === null || a === null) {
      mismatch = { line: i + 1, expected: e, actual: a };
      break;
    }
    const u = unseeded.get(i + 1);
    if (u ? !unseededMatches(e, a, u) : !lineMatches(e, a, patterns, tolerances.get(i + 1))) {
      mismatch = { line: i + 1, expected: e, actual: a };
      break;
    }
  }
  // Lines agree but the final newline does not: still not byte for byte.
  if (mismatch === null && expected.endsWith("\n") !== actual.endsWith("\n") && exp.length > 0) {
    const n = exp.length;
    const shown = (s: string, l: string) => (s.endsWith("\n") ? l : `${l}<no newline at end>`);
    mismatch = { line: n, expected: shown(expected, exp[n - 1]!), actual: shown(actual, act[n - 1]!) };
  }
  const unused = deviations.filter((d) => !used.has(d));
  return { ok: mismatch === null, mismatch, unused };
}

function lineMatches(
  e: string,
  a: string,
  patterns: readonly string[],
  atol: number | undefined,
): boolean {
  if (e === a) return true;
  if (atol !== undefined && withinTolerance(e, a, atol)) return true;
  if (patterns.length === 0) return false;
  const re = wildcardLineRegex(e, patterns);
  return re !== null && re.test(a);
}

function unseededMatches(e: string, a: string, u: Unseeded): boolean {
  if (u.pattern !== undefined) {
    const re = wildcardLineRegex(e, [u.pattern]);
    if (re === null ? e !== a && u.atol === undefined : !re.test(a)) return false;
  }
  if (u.atol !== undefined) return nearUpToSpaces(e, a, u.atol);
  return true;
}

/** Deviations the output does not need: it still matches with the entry removed. */
export function unneededDeviations(
  expected: string,
  actual: string,
  deviations: readonly Deviation[],
): Deviation[] {
  return deviations.filter(
    (d) => d.kind !== "unseeded" && compareOutput(expected, actual, deviations.filter((o) => o !== d)).ok,
  );
}

/** The line Python's traceback ends with (`RuntimeError: message`): the last non-empty line. */
export function lastLine(text: string): string {
  const ls = text.split("\n").map((l) => l.replace(/\r$/, ""));
  for (let i = ls.length - 1; i >= 0; i--) if (ls[i]!.trim() !== "") return ls[i]!;
  return "";
}

export function describeDeviation(d: Deviation): string {
  switch (d.kind) {
    case "substitute":
      return `substitute ${JSON.stringify(d.from)} -> ${JSON.stringify(d.to)}`;
    case "wildcard":
      return `wildcard /${d.pattern}/`;
    case "tolerance":
      return `tolerance ${d.atol} on line ${d.line}`;
    case "unseeded":
      return `unseeded draw on lines ${d.line}-${d.to ?? d.line}${d.pattern ? ` /${d.pattern}/` : ""}${d.atol !== undefined ? ` within ${d.atol}` : ""}`;
  }
}

/** What one run of an example produced. */
export interface RunOutput {
  stdout: string;
  stderr: string;
  /** Exit code; null when killed (timeout). */
  code: number | null;
  timedOut?: boolean;
}

/** What the document says the example does. */
export interface Expectation {
  stdout: string;
  /** The last line of the uncaught error the document shows, or null if it runs cleanly. */
  error: string | null;
}

export type Status = "pass" | "FAIL" | "ERROR";

export interface Verdict {
  status: Status;
  /** One line: the first difference, the error, or the deviation at fault; "" on pass. */
  detail: string;
}

function show(s: string | null): string {
  return s === null ? "(no line)" : JSON.stringify(s);
}

/** Judge one run: FAIL for wrong output, ERROR for an unexpected throw, exit or timeout. */
export function judge(exp: Expectation, run: RunOutput, deviations: readonly Deviation[]): Verdict {
  const cmp = compareOutput(exp.stdout, run.stdout, deviations);
  if (cmp.unused.length > 0) {
    return { status: "FAIL", detail: `deviation matches nothing in the expected text: ${describeDeviation(cmp.unused[0]!)}` };
  }
  if (run.timedOut) return { status: "ERROR", detail: "timed out" };
  const thrown = lastLine(run.stderr);
  if (exp.error === null && run.code !== 0) {
    return { status: "ERROR", detail: `exit ${run.code}: ${thrown || "(no stderr)"}` };
  }
  if (!cmp.ok) {
    const m = cmp.mismatch!;
    return { status: "FAIL", detail: `line ${m.line}: expected ${show(m.expected)}, got ${show(m.actual)}` };
  }
  if (exp.error !== null) {
    if (run.code === 0) return { status: "FAIL", detail: `expected error ${JSON.stringify(exp.error)}, exited 0` };
    if (thrown !== exp.error) {
      return { status: "FAIL", detail: `error: expected ${JSON.stringify(exp.error)}, got ${JSON.stringify(thrown)}` };
    }
  }
  const unneeded = unneededDeviations(exp.stdout, run.stdout, deviations);
  if (unneeded.length > 0) {
    return { status: "FAIL", detail: `output matches without deviation ${describeDeviation(unneeded[0]!)}: remove it` };
  }
  return { status: "pass", detail: "" };
}
