// Adds vitest's test counts and the conformance replay's counts into the closing line.
import { readFileSync, existsSync } from "node:fs";

const [vitestJson, confLog, typecheck] = process.argv.slice(2);
let passed = 0;
let failed = 0;
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, "utf8"));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numFailedTestSuites ?? 0);
} else failed += 1;
const m = existsSync(confLog) ? /^(\d+) passed, (\d+) failed$/m.exec(readFileSync(confLog, "utf8")) : null;
if (m) {
  passed += Number(m[1]);
  failed += Number(m[2]);
} else failed += 1;
if (typecheck) {
  if (existsSync(typecheck) && readFileSync(typecheck, "utf8").trim() === "ok") passed += 1;
  else failed += 1;
}
console.log(`vitest + conformance + typecheck:`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
