// The browser example in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core; no browser is downloaded): the page's printed output for seed 002 must match
// the document's (after the conformance suite's deviations), and its MLP must train on
// navigator.gpu. CI installs chromium with .ci/install-gpu.sh; a missing browser fails the test.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { createServer, type Server } from "node:http";
import { readFileSync, existsSync } from "node:fs";
import { join, extname, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { judge } from "../../../compat-tests/compare.ts";
import { deviations } from "../../../compat-tests/deviations.ts";
import { buildExample } from "../../../examples/webgpu-browser/build.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const PAGE_DIR = join(ROOT, "examples", "webgpu-browser");
const SEED = join(ROOT, "compat-tests", "examples", "002");
const types: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".map": "application/json" };

let server: Server;
let browser: Browser;
let page: any;
let results: any;

beforeAll(async () => {
  await buildExample(join(PAGE_DIR, "dist"));
  server = createServer((req, res) => {
    const path = join(PAGE_DIR, decodeURIComponent((req.url ?? "/").split("?")[0]) === "/" ? "index.html" : decodeURIComponent(req.url!.split("?")[0]));
    if (!path.startsWith(PAGE_DIR) || !existsSync(path)) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" }).end(readFileSync(path));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as any).port;
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless=new", "--no-sandbox", "--enable-unsafe-webgpu", "--disable-gpu-sandbox", "--enable-features=Vulkan", "--use-webgpu-adapter=swiftshader", "--use-angle=swiftshader"],
  });
  page = await browser.newPage();
  const logs: string[] = [];
  page.on("console", (m: any) => logs.push(m.text()));
  page.on("pageerror", (e: any) => logs.push(String(e)));
  await page.goto(`http://127.0.0.1:${port}/index.html`);
  await page.waitForFunction(() => (globalThis as any).__tsgrad !== undefined, null, { timeout: 120000 }).catch(() => {
    throw new Error(`the page did not finish: ${logs.join("\n")}`);
  });
  results = await page.evaluate(() => (globalThis as any).__tsgrad);
}, 180000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe("examples/webgpu-browser in headless Chromium", () => {
  for (const name of ["01_requires_grad_tensor", "02_add_grad_fn", "03_is_leaf", "04_mul_mean", "05_requires_grad_inplace", "06_backward_retain_graph", "07_view", "08_backward_gradient", "09_no_grad", "10_no_grad_backward", "11_no_grad_backward_error", "12_data"])
    it(`seed 002/${name} prints the document's output`, () => {
      const r = results.examples[name];
      const errFile = join(SEED, `${name}.expected-error.txt`);
      const exp = { stdout: readFileSync(join(SEED, `${name}.expected.txt`), "utf8"), error: existsSync(errFile) ? readFileSync(errFile, "utf8").replace(/\n$/, "") : null };
      const verdict = judge(exp, { stdout: r.stdout, stderr: r.error ?? "", code: r.error ? 1 : 0 }, deviations.filter((d) => d.example === `002/${name}`));
      expect(verdict.detail).toBe("");
      expect(verdict.status).toBe("pass");
    });

  it("trains an MLP on navigator.gpu", () => {
    const t = results.training;
    expect(t.error).toBeNull();
    const losses = [...t.stdout.matchAll(/loss (\d+\.\d+)/g)].map((m: RegExpMatchArray) => Number(m[1]));
    expect(losses.length).toBe(4);
    expect(losses[3]).toBeLessThan(losses[0]);
    expect(t.stdout).toContain("webgpu:0");
    expect(t.stdout).toContain("device='webgpu:0'");
  });
});
