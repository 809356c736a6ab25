// Bundles the browser example with esbuild (from node_modules, no CDN): dist/main.js and its
// chunks. Node-only dependencies of the dialect packages (onnxruntime-node, node: builtins) are
// replaced by empty modules: the browser never takes those paths (fast kernels stay unregistered).
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..", "..");
// esbuild is a devDependency of @tsgrad/webgpu, not of examples/
const { build } = createRequire(join(ROOT, "packages", "webgpu", "package.json"))("esbuild") as { build: (options: Record<string, unknown>) => Promise<unknown> };

/** What the bundled sources import from Node, as browser stand-ins (randomBytes seeds unseeded RNGs). */
const STUB = `
const unavailable = (name) => () => { throw new Error(name + " is not available in a browser"); };
export default {};
export const createRequire = () => unavailable("require");
export const fileURLToPath = (u) => String(u).replace(/^file:\\/\\//, "/");
export const readFileSync = unavailable("fs.readFileSync");
export const writeFileSync = unavailable("fs.writeFileSync");
export const randomBytes = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n));
`;

export async function buildExample(outdir = join(HERE, "dist")): Promise<string> {
  await build({
    entryPoints: [join(HERE, "main.ts")],
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    logLevel: "warning",
    nodePaths: [join(ROOT, "packages", "webgpu", "node_modules"), join(ROOT, "compat-tests", "node_modules")],
    plugins: [
      {
        name: "node-only-stubs",
        setup(b: any) {
          const stub = /^(onnxruntime-node|onnxruntime-common|webgpu|node:.*|fs|path|url|module|os|child_process|worker_threads|crypto)$/;
          b.onResolve({ filter: stub }, (args: { path: string }) => ({ path: args.path, namespace: "stub" }));
          b.onLoad({ filter: /.*/, namespace: "stub" }, () => ({ contents: STUB, loader: "js" }));
        },
      },
    ],
  });
  return outdir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = await buildExample();
  console.log(`built ${dir}; serve ${HERE} over http and open index.html`);
}
