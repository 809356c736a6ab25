// Preloaded into every example process by run.ts (`node --import tsx --import <this> ex.ts`).
// An uncaught exception ends a Python program with a traceback whose last line is
// `RuntimeError: message`; documents show that line. Write the JS stack for humans, then that
// line last on stderr, so run.ts compares it the same way for TypeScript and Python runs.

function pythonLine(err: unknown): string {
  if (err instanceof Error) return err.message === "" ? err.name : `${err.name}: ${err.message}`;
  return `Error: ${String(err)}`;
}

function report(err: unknown): void {
  const stack = err instanceof Error && err.stack ? err.stack : String(err);
  process.stderr.write(`${stack}\n${pythonLine(err)}\n`);
  process.exitCode = 1;
}

process.on("uncaughtException", report);
process.on("unhandledRejection", report);
