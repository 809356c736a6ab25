// `npx tsx packages/core/wasm/build.ts`: regenerate src/kernels/wasm/kernels_bytes.ts.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { assembleKernels, bytesModule } from "./assemble.ts";

const out = fileURLToPath(new URL("../src/kernels/wasm/kernels_bytes.ts", import.meta.url));
const bytes = await assembleKernels();
writeFileSync(out, bytesModule(bytes));
console.log(`wrote ${out} (${bytes.length} bytes of wasm)`);
