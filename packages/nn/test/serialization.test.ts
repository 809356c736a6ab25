// torch.save / torch.load in PyTorch 1.13's format, checked both ways against real PyTorch:
// fixtures/checkpoints/*.pt were written by torch (gen_checkpoints.py), from_tsgrad/*.pt by
// tsgrad and checked by torch (verify_with_torch.py, result in fixtures/checkpoints/README.md).
// Also safetensors, and the errors for corrupt, truncated and unsupported files.
import { describe, expect, it } from "vitest";
import { readFileSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Tensor, dialectFunctions, torchDialect, manual_seed, float32 } from "@tsgrad/core";
import { OrderedDict, PyDict, PyTuple, pyRepr } from "@tsgrad/py";
import nn from "../src/index.ts";
import { save, load, saveToBytes, loadFromBytes, BytesIO, UnpicklingError, safetensors } from "../src/serialization/index.ts";
import { Pickler, Global, Reduce, Persistent, Atom } from "../src/serialization/pickle_write.ts";
import { writeZip, ZipReader } from "../src/serialization/zip.ts";
import optim from "../../optim/src/index.ts";
import { encodeValue } from "./checkpoint_encode.ts";
import { writeTsgradCheckpoints, COMMITTED_DIR } from "./checkpoints_tsgrad.ts";

const torch: any = dialectFunctions(torchDialect);
const FIX = new URL("./fixtures/checkpoints/", import.meta.url);
const fixturePath = (name: string) => new URL(name, FIX).pathname;
const json = (name: string) => JSON.parse(readFileSync(new URL(name, FIX), "utf8"));
const TORCH_FILES = ["dtypes", "views", "sequential", "batchnorm", "sgd_momentum", "adam", "nested", "tensor"];
const tmp = () => mkdtempSync(join(tmpdir(), "tsgrad-ckpt-"));
const normal = (v: unknown) => JSON.parse(JSON.stringify(encodeValue(v)));
const seqModel = () => nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2));

describe("torch.load of files written by PyTorch 1.13", () => {
  for (const name of TORCH_FILES)
    it(`${name}.pt holds what torch saved (values, dtypes, strides, sharing, Python types)`, () => {
      expect(normal(load(fixturePath(`${name}.pt`)))).toEqual(json(`${name}.json`));
    });

  it("views keep sharing one storage; Parameters and requires_grad come back", () => {
    const v = load(fixturePath("views.pt")) as PyDict;
    const base = v.__getitem__("base") as Tensor;
    for (const k of ["transposed", "row", "strided"]) expect((v.__getitem__(k) as Tensor)._storage).toBe(base._storage);
    expect(v.__getitem__("other")._storage).not.toBe(base._storage);
    base.__setitem__([0, 1], 100);
    expect(v.__getitem__("transposed").at(1, 0).item()).toBe(100);
    expect(pyRepr(v.__getitem__("param"))).toBe("Parameter containing:\ntensor([1., 2.], requires_grad=True)");
    expect(v.__getitem__("frozen").requires_grad).toBe(false);
    expect(v.__getitem__("leaf_rg").is_leaf && v.__getitem__("leaf_rg").requires_grad).toBe(true);
  });

  it("a state_dict keeps torch's _metadata and loads into a tsgrad model with the same outputs", () => {
    const sd = load(fixturePath("sequential.pt")) as OrderedDict;
    expect(sd).toBeInstanceOf(OrderedDict);
    expect(pyRepr(sd._metadata)).toBe("OrderedDict([('', {'version': 1}), ('0', {'version': 1}), ('1', {'version': 1}), ('2', {'version': 1})])");
    const m = seqModel();
    expect(pyRepr(m.load_state_dict(sd))).toBe("<All keys matched successfully>");
    expect(m[0].weight.tolist()).toEqual(sd.__getitem__("0.weight").tolist());
  });

  it("BatchNorm's int64 num_batches_tracked and running stats load", () => {
    const bn = nn.BatchNorm1d(3);
    bn.load_state_dict(load(fixturePath("batchnorm.pt")));
    // 2: gen_checkpoints.py runs a second forward (for the Adam fixture) before saving, and
    // state_dict() shares the buffers' storage
    expect(pyRepr(bn.num_batches_tracked)).toBe("tensor(2)");
    expect(bn.running_var.dtype).toBe(float32);
  });

  it("an SGD-with-momentum state_dict loads into a tsgrad optimizer", () => {
    const sd = load(fixturePath("sgd_momentum.pt")) as PyDict;
    const m = seqModel();
    const opt = optim.SGD(m.parameters(), { lr: 0.5 });
    opt.load_state_dict(sd);
    expect(opt.param_groups[0].__getitem__("lr")).toBe(0.1);
    expect(opt.param_groups[0].__getitem__("momentum")).toBe(0.9);
    const p0 = [...m.parameters()][0];
    expect(opt.state.__getitem__(p0).__getitem__("momentum_buffer").tolist()).toEqual(sd.__getitem__("state").__getitem__(0).__getitem__("momentum_buffer").tolist());
  });

  it("re-saving what was loaded reproduces torch's file byte for byte", () => {
    for (const name of TORCH_FILES) {
      const bytes = new Uint8Array(readFileSync(fixturePath(`${name}.pt`)));
      expect(saveToBytes(load(fixturePath(`${name}.pt`)), name), name).toEqual(bytes);
    }
  });

  it("reads from bytes and from a BytesIO, and honours map_location='cpu'", () => {
    const bytes = new Uint8Array(readFileSync(fixturePath("tensor.pt")));
    expect(pyRepr(load(bytes))).toBe("tensor([[1., 2.],\n        [3., 4.]])");
    expect(pyRepr(load(new BytesIO(bytes), { map_location: "cpu" }))).toBe("tensor([[1., 2.],\n        [3., 4.]])");
    expect(pyRepr(load(bytes, "cpu", { weights_only: true }))).toContain("tensor(");
  });
});

describe("torch.save then torch.load in tsgrad", () => {
  it("round-trips dtypes, views, Parameters, Python values and optimizer state", () => {
    const dir = tmp();
    const names = writeTsgradCheckpoints(dir);
    for (const name of names) {
      const loaded = load(join(dir, `${name}.pt`));
      expect(normal(loaded), name).toEqual(JSON.parse(readFileSync(join(dir, `${name}.json`), "utf8")));
    }
  });

  it("writes the committed from_tsgrad fixtures byte for byte (so verify_with_torch.py checks current output)", () => {
    const dir = tmp();
    writeTsgradCheckpoints(dir);
    const files = readdirSync(COMMITTED_DIR).sort();
    expect(readdirSync(dir).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(dir, f)), f).toEqual(readFileSync(join(COMMITTED_DIR, f)));
    // the fresh set can be checked by PyTorch too:
    console.log(`check with: /usr/bin/python3 packages/nn/test/verify_with_torch.py ${dir}`);
  });

  it("a trained model's weights survive save/load into a fresh model", () => {
    manual_seed(0);
    const m = seqModel();
    const x = torch.randn(5, 3);
    const buf = new BytesIO();
    save(m.state_dict(), buf);
    buf.seek(0);
    const fresh = seqModel();
    fresh.load_state_dict(load(buf));
    expect(fresh(x).tolist()).toEqual(m(x).tolist());
  });

  it("optimizer.state_dict() round-trips and resumes identically", () => {
    manual_seed(0);
    const m = seqModel();
    const opt = optim.Adam(m.parameters(), { lr: 0.01 });
    const x = torch.randn(4, 3);
    m(x).pow(2).sum().backward();
    opt.step();
    const bytes = saveToBytes({ model: m.state_dict(), optimizer: opt.state_dict() });
    const ck = loadFromBytes(bytes) as PyDict;
    const m2 = seqModel();
    m2.load_state_dict(ck.__getitem__("model"));
    const opt2 = optim.Adam(m2.parameters(), { lr: 0.01 });
    opt2.load_state_dict(ck.__getitem__("optimizer"));
    for (const [mm, oo] of [[m, opt], [m2, opt2]] as const) {
      oo.zero_grad();
      mm(x).pow(2).sum().backward();
      oo.step();
    }
    expect(m2(x).tolist()).toEqual(m(x).tolist());
    expect(pyRepr(opt2.state_dict())).toBe(pyRepr(opt.state_dict()));
  });

  it("uses the file's base name as the archive name, as torch does", () => {
    const dir = tmp();
    save(torch.ones(1), join(dir, "my.model.pt"));
    const bytes = readFileSync(join(dir, "my.model.pt"));
    expect(bytes.subarray(30, 30 + "my.model/data.pkl".length).toString()).toBe("my.model/data.pkl");
  });
});

/** A torch.save-shaped archive around a hand-made pickle, for the error cases. */
function craft(obj: unknown, storages: Record<string, Uint8Array> = {}, prefix = "archive"): Uint8Array {
  const pickle = new Pickler((v) => v).dump(obj);
  return writeZip([
    { name: `${prefix}/data.pkl`, data: pickle },
    ...Object.entries(storages).map(([k, data]) => ({ name: `${prefix}/data/${k}`, data })),
    { name: `${prefix}/version`, data: new TextEncoder().encode("3\n") },
  ]);
}
const tuple = (...xs: unknown[]) => Object.assign(new PyTuple<unknown>(), xs);
const storageRef = (type: string, key: string, location: string, numel: number) =>
  new Persistent(tuple(new Atom("storage"), new Global("torch", type), key, location, numel));
const rebuild = (pid: Persistent, size: number[]) =>
  new Reduce({}, new Global("torch._utils", "_rebuild_tensor_v2"), tuple(pid, 0, tuple(...size), tuple(1), false, new Reduce({}, new Global("collections", "OrderedDict"), tuple())));

describe("torch.load refuses bad files with a clear error", () => {
  const good = () => new Uint8Array(readFileSync(fixturePath("sequential.pt")));
  const err = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      return `${(e as Error).name}: ${(e as Error).message}`;
    }
    throw new Error("no error");
  };

  it("truncated file", () => {
    const b = good();
    expect(err(() => loadFromBytes(b.subarray(0, b.length - 10)))).toBe(
      "RuntimeError: PytorchStreamReader failed reading zip archive: failed finding central directory (the file is truncated or is not a zip archive)",
    );
    expect(err(() => loadFromBytes(b.subarray(0, 200)))).toMatch(/failed finding central directory/);
  });

  it("corrupt storage bytes fail the CRC check", () => {
    const b = good();
    const entry = new ZipReader(b).entries.get("sequential/data/0")!;
    const dataStart = Math.ceil((entry.localOffset + 30 + "sequential/data/0".length + 4) / 64) * 64; // records are 64-aligned
    b[dataStart + 5] ^= 0xff;
    expect(err(() => loadFromBytes(b))).toMatch(/^RuntimeError: PytorchStreamReader failed reading zip archive: CRC-32 mismatch for record 'sequential\/data\/\d': the file is corrupt$/);
  });

  it("not a checkpoint, empty, legacy format, TorchScript", () => {
    expect(err(() => loadFromBytes(new TextEncoder().encode("hello world")))).toBe(
      "RuntimeError: not a PyTorch checkpoint: a torch.save file is a zip archive starting with PK\\x03\\x04, this one starts with [68 65 6c 6c 6f 20 77 6f]",
    );
    expect(err(() => loadFromBytes(new Uint8Array(0)))).toMatch(/\(empty file\)$/);
    expect(err(() => loadFromBytes(new Uint8Array([0x80, 0x02, 0x8a, 0x0a])))).toMatch(/legacy torch.save file/);
    const ts = writeZip([{ name: "m/constants.pkl", data: new Uint8Array(1) }, { name: "m/version", data: new TextEncoder().encode("3\n") }]);
    expect(err(() => loadFromBytes(ts))).toMatch(/TorchScript archive/);
  });

  it("missing file", () => {
    expect(err(() => load("/nonexistent/model.pt"))).toBe("FileNotFoundError: [Errno 2] No such file or directory: '/nonexistent/model.pt'");
  });

  it("a pickled Python class (e.g. a whole model) is refused by name", () => {
    const b = craft(new Reduce({}, new Global("__main__", "Net"), tuple()));
    expect(err(() => loadFromBytes(b))).toMatch(/^UnpicklingError: cannot load '__main__.Net': tsgrad builds only tensors/);
    expect(err(() => loadFromBytes(b, { weights_only: true }))).toBe("UnpicklingError: Weights only load failed. WeightsUnpickler error: Unsupported class __main__.Net");
    expect(err(() => loadFromBytes(craft(new Global("os", "system"))))).toMatch(/cannot load 'os.system'/);
  });

  it("dtypes tsgrad lacks, storages on CUDA, missing and short storage records", () => {
    const half = craft(rebuild(storageRef("HalfStorage", "0", "cpu", 2), [2]), { 0: new Uint8Array(4) });
    expect(err(() => loadFromBytes(half))).toBe("RuntimeError: cannot load a torch.HalfStorage: tsgrad has no float16 dtype");
    const cuda = craft(rebuild(storageRef("FloatStorage", "0", "cuda:0", 2), [2]), { 0: new Uint8Array(8) });
    expect(err(() => loadFromBytes(cuda))).toMatch(/^RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available\(\) is False/);
    expect(pyRepr(loadFromBytes(cuda, { map_location: "cpu" }))).toBe("tensor([0., 0.])");
    expect(pyRepr(loadFromBytes(cuda, { map_location: { "cuda:0": "cpu" } }))).toBe("tensor([0., 0.])");
    const missing = craft(rebuild(storageRef("FloatStorage", "0", "cpu", 2), [2]));
    expect(err(() => loadFromBytes(missing))).toMatch(/failed locating file data\/0: file not found/);
    const short = craft(rebuild(storageRef("FloatStorage", "0", "cpu", 2), [2]), { 0: new Uint8Array(4) });
    expect(err(() => loadFromBytes(short))).toMatch(/storage data\/0 holds 4 bytes where the pickle expects 2 torch.float32 elements \(8 bytes\): the checkpoint is corrupt/);
    const outside = craft(rebuild(storageRef("FloatStorage", "0", "cpu", 2), [3]), { 0: new Uint8Array(8) });
    expect(err(() => loadFromBytes(outside))).toBe(
      "RuntimeError: corrupt checkpoint: a tensor of size (3,) with stride (1,) at offset 0 reads element 2, but its storage has 2 elements",
    );
  });

  it("broken pickles: truncated, unknown opcode", () => {
    const pkl = new Pickler((v) => v).dump([1, 2, 3]);
    const zipOf = (data: Uint8Array) => writeZip([{ name: "a/data.pkl", data }, { name: "a/version", data: new TextEncoder().encode("3\n") }]);
    expect(err(() => loadFromBytes(zipOf(pkl.subarray(0, pkl.length - 2))))).toMatch(/^UnpicklingError: pickle data was truncated/);
    expect(err(() => loadFromBytes(zipOf(new Uint8Array([0x80, 2, 0x49, 0x31, 0x0a, 0x2e]))))).toBe("UnpicklingError: unsupported pickle opcode 0x49 (INT) (at byte 3 of data.pkl)");
  });

  it("a failed load changes nothing; a mismatched state_dict leaves the model as it was", () => {
    const m = seqModel();
    const before = m[0].weight.tolist();
    const b = good();
    expect(() => m.load_state_dict(loadFromBytes(b.subarray(0, b.length - 1)))).toThrow(/central directory/);
    const wrong = nn.Sequential(nn.Linear(3, 5), nn.ReLU(), nn.Linear(5, 2));
    expect(() => wrong.load_state_dict(loadFromBytes(b))).toThrow(/size mismatch for 0.weight/);
    expect(m[0].weight.tolist()).toEqual(before);
  });

  it("torch.save refuses what it cannot write", () => {
    expect(err(() => saveToBytes(seqModel()))).toMatch(/^TypeError: cannot save a whole Sequential module: .* Save model.state_dict\(\)/);
    expect(err(() => saveToBytes(() => 1))).toBe("TypeError: cannot pickle 'function' object");
    expect(err(() => save(torch.ones(1), new BytesIO(), { pickle_protocol: 4 }))).toMatch(/^NotImplementedError/);
  });
});

describe("safetensors", () => {
  const st = () => new Uint8Array(readFileSync(fixturePath("tensors.safetensors")));

  it("loads a file in the reference layout with every dtype", () => {
    const d = safetensors.load(st());
    const want = json("tensors.safetensors.json").dict as Array<[string, any]>;
    expect([...d.keys()]).toEqual(want.map(([k]) => k).sort());
    for (const [k, enc] of want) {
      const t = d.__getitem__(k) as Tensor;
      expect(t.dtype.name, k).toBe(enc.tensor.dtype);
      expect(t._shape, k).toEqual(enc.tensor.shape);
      expect(normal(t).tensor.values, k).toEqual(enc.tensor.values);
    }
    expect(pyRepr(safetensors.metadata(st()))).toBe("{'format': 'pt', 'note': 'written by gen_checkpoints.py'}");
  });

  it("writes the same bytes as the reference layout", () => {
    const d = safetensors.load(st());
    const meta = new PyDict([["format", "pt"], ["note", "written by gen_checkpoints.py"]]);
    expect(safetensors.save(d, meta)).toEqual(st());
  });

  it("matches the byte vectors of the reference implementation's own tests", () => {
    const f = torch.arange(6, { dtype: float32 });
    // safetensors/src/tensor.rs test_serialization: 8-byte length 64, no padding needed
    const a = safetensors.save({ "attn.0": f.reshape(1, 2, 3) });
    expect(a[0]).toBe(64);
    expect(new TextDecoder().decode(a.subarray(8, 72))).toBe('{"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}}');
    // test_serialization_forced_alignement: 7 spaces pad the header to 72 bytes
    const b = safetensors.save({ attn0: f.reshape(1, 1, 2, 3) });
    expect(b[0]).toBe(72);
    expect(new TextDecoder().decode(b.subarray(8, 80))).toBe('{"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}}       ');
    // test_empty
    expect([...safetensors.save({})]).toEqual([8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32]);
    expect(safetensors.save({}, { framework: "pt" }).length).toBe(48);
  });

  it("save_file / load_file round trip; names sorted", () => {
    const dir = tmp();
    const p = join(dir, "m.safetensors");
    manual_seed(0);
    const m = seqModel();
    safetensors.save_file(m.state_dict(), p);
    const d = safetensors.load_file(p);
    expect([...d.keys()]).toEqual(["0.bias", "0.weight", "2.bias", "2.weight"]);
    const fresh = seqModel();
    fresh.load_state_dict(d);
    expect(fresh[2].weight.tolist()).toEqual(m[2].weight.tolist());
  });

  it("refuses shared, non-contiguous and corrupt input", () => {
    const base = torch.ones(2, 2);
    expect(() => safetensors.save({ a: base, b: base.at(0) })).toThrow(/^Some tensors share memory/);
    expect(() => safetensors.save({ t: base.t().contiguous().t() })).toThrow(/non contiguous tensor: `t`/);
    const good = safetensors.save({ w: torch.ones(3) });
    expect(() => safetensors.load(good.subarray(0, good.length - 4))).toThrow(/MetadataIncompleteBuffer .*the file is truncated/);
    expect(() => safetensors.load(good.subarray(0, 20))).toThrow(/InvalidHeaderLength/);
    expect(() => safetensors.load(new Uint8Array(4))).toThrow(/HeaderTooSmall/);
    const bad = good.slice();
    bad[9] = 0x5b; // '[' where '"' was
    expect(() => safetensors.load(bad)).toThrow(/InvalidHeaderDeserialization/);
    const h = new TextEncoder().encode('{"w":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}');
    const f16 = new Uint8Array(8 + h.length + 4);
    f16[0] = h.length;
    f16.set(h, 8);
    expect(() => safetensors.load(f16)).toThrow('tensor "w" has dtype F16, which tsgrad does not have');
  });
});

