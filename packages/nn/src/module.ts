// nn.Module. Python modules are callable objects whose __setattr__ registers parameters and
// submodules; a JS class instance can be neither. So the constructor returns a Proxy over a
// function whose prototype is the class's: `model(x)` runs the apply trap (hooks + forward),
// assignments go through the set trap (Python's __setattr__, in order), and reading a missing
// attribute raises AttributeError as Python's __getattr__ does. Subclass constructors see the
// Proxy as `this` (a base constructor's returned object becomes the derived class's `this`).

import { Tensor, Device, no_grad, objectAddress, parseDevice, type DType } from "@tsgrad/core";
import {
  AttributeError,
  KeyError,
  NotImplementedError,
  RuntimeError,
  TypeError as PyTypeError,
  ValueError,
  OrderedDict,
  PyDict,
  PyTuple,
  pyRepr,
  pyName,
  typeName,
} from "@tsgrad/py";
import { isParameter, type Parameter } from "./parameter.ts";
import { DIALECT_CLASS, pyclass } from "./pyclass.ts";

const CALLABLE_OBJECT = Symbol.for("tsgrad.callableObject");

/** Names that JS runtimes and test tools probe on any object; they must read as undefined. */
const PROBES = new Set([
  "then", "toJSON", "asymmetricMatch", "$$typeof", "nodeType", "tagName", "_isMockFunction", "@@__IMMUTABLE_ITERABLE__@@",
  "@@__IMMUTABLE_RECORD__@@", "_isReactElement", "constructor", "inspect", "valueOf", "toString", "__esModule", "prototype",
  "caller", "arguments", "length", "name", "call", "apply", "bind", "size", "entries", "nodeName", "outerHTML",
]);

const DUNDER = /^__\w+__$/;

/** torch.typename(v): `torch.FloatTensor` for tensors, the class's qualified name otherwise. */
export function torchTypename(v: unknown): string {
  if (v instanceof Tensor) return `torch.${v.dtype.legacyName}`;
  return typeName(v);
}

/** The handle register_*_hook returns. */
export class RemovableHandle {
  static next_id = 0;
  id: number;
  constructor(private dict: Map<number, unknown>) {
    this.id = RemovableHandle.next_id++;
  }
  remove(): void {
    this.dict.delete(this.id);
  }
}

/** A Python generator object (parameters(), children()...): iterable once, printed as Python does. */
export class PyGenerator<T> implements IterableIterator<T> {
  constructor(private it: Iterator<T>, private qualname: string) {}
  next(): IteratorResult<T> {
    return this.it.next();
  }
  [Symbol.iterator](): this {
    return this;
  }
  __iter__(): this {
    return this;
  }
  __next__(): T {
    const r = this.it.next();
    if (r.done) throw new (class StopIteration extends Error {})("");
    return r.value;
  }
  __repr__(): string {
    return `<generator object ${this.qualname} at ${objectAddress(this)}>`;
  }
}
Object.defineProperty(PyGenerator, "__name__", { value: "generator" });

function tuple2<A, B>(a: A, b: B): PyTuple<A | B> {
  const t = new PyTuple<A | B>();
  t.push(a, b);
  return t;
}

/** load_state_dict's result: prints `<All keys matched successfully>` when both lists are empty. */
export class _IncompatibleKeys extends PyTuple<string[]> {
  get missing_keys(): string[] {
    return this[0];
  }
  get unexpected_keys(): string[] {
    return this[1];
  }
  override __repr__(): string {
    if (this[0].length === 0 && this[1].length === 0) return "<All keys matched successfully>";
    return `_IncompatibleKeys(missing_keys=${pyRepr(this[0])}, unexpected_keys=${pyRepr(this[1])})`;
  }
  __str__(): string {
    return this.__repr__();
  }
}

/** Python's _addindent: indent every line but the first. */
function addIndent(s: string, n: number): string {
  const lines = s.split("\n");
  if (lines.length === 1) return s;
  const pad = " ".repeat(n);
  return [lines[0], ...lines.slice(1).map((l) => pad + l)].join("\n");
}

type Hook = (...args: any[]) => any;

export interface ModuleImpl {
  /** Modules are callable: `model(x)` runs the hooks and forward. */
  (...args: any[]): any;
  /** Attributes set by subclasses (Python's instance __dict__). */
  [key: string]: any;
}

export class ModuleImpl {
  declare _parameters: OrderedDict<string, Parameter | null>;
  declare _buffers: OrderedDict<string, Tensor | null>;
  declare _non_persistent_buffers_set: Set<string>;
  declare _modules: OrderedDict<string, ModuleImpl | null>;
  declare _forward_hooks: Map<number, Hook>;
  declare _forward_pre_hooks: Map<number, Hook>;
  declare training: boolean;

  /** Python's `obj.__class__` (`m.__class__.__name__`): the class, as `type(m)` returns it. */
  get __class__(): unknown {
    return (this as any).constructor;
  }

  constructor(..._args: unknown[]) {
    // The function the Proxy wraps: calling the module calls _call_impl on the Proxy.
    let self: any;
    const target: any = (...args: unknown[]) => self._call_impl(...args);
    delete target.name;
    delete target.length;
    Object.setPrototypeOf(target, new.target.prototype);
    const hidden = (k: string, v: unknown) => Object.defineProperty(target, k, { value: v, writable: true, configurable: true, enumerable: false });
    hidden("training", true);
    hidden("_parameters", new OrderedDict());
    hidden("_buffers", new OrderedDict());
    hidden("_non_persistent_buffers_set", new Set());
    hidden("_modules", new OrderedDict());
    hidden("_forward_hooks", new Map());
    hidden("_forward_pre_hooks", new Map());
    self = new Proxy(target, moduleTraps);
    return self;
  }

  /** Record the dialect variant of the class this instance was made through (`flow.nn.Linear`). */
  _setClass(cls: unknown): void {
    Object.defineProperty(rawTarget(this), DIALECT_CLASS, { value: cls, configurable: true });
  }

  /** Hook for containers: index-like attribute names (`model[-1]`), or undefined. */
  _getIndexed(_key: string): { found: boolean; value?: unknown } {
    return { found: false };
  }
  _setIndexed(_key: string, _value: unknown): boolean {
    return false;
  }

  forward(..._args: any[]): any {
    throw new NotImplementedError(`Module [${this._get_name()}] is missing the required "forward" function`);
  }

  _call_impl(...args: unknown[]): any {
    let input = args;
    if (this._forward_pre_hooks.size > 0) {
      for (const hook of [...this._forward_pre_hooks.values()]) {
        const r = hook(this, makeTuple(input));
        if (r !== undefined && r !== null) input = r instanceof PyTuple ? [...r] : [r];
      }
    }
    let result = this.forward(...input);
    if (this._forward_hooks.size > 0) {
      for (const hook of [...this._forward_hooks.values()]) {
        const r = hook(this, makeTuple(input), result);
        if (r !== undefined && r !== null) result = r;
      }
    }
    return result;
  }
  __call__(...args: unknown[]): any {
    return this._call_impl(...args);
  }

  register_forward_hook(hook: Hook): RemovableHandle {
    const h = new RemovableHandle(this._forward_hooks);
    this._forward_hooks.set(h.id, hook);
    return h;
  }
  register_forward_pre_hook(hook: Hook): RemovableHandle {
    const h = new RemovableHandle(this._forward_pre_hooks);
    this._forward_pre_hooks.set(h.id, hook);
    return h;
  }

  // ---- registration ---------------------------------------------------------------------------

  register_buffer(name: string, tensor: Tensor | null, persistent: boolean | { persistent?: boolean } = true): void {
    const keep = typeof persistent === "object" ? persistent.persistent ?? true : persistent;
    if (typeof name !== "string") throw new PyTypeError(`buffer name should be a string. Got ${typeName(name)}`);
    if (name.includes(".")) throw new KeyError('buffer name can\'t contain "."');
    if (name === "") throw new KeyError('buffer name can\'t be empty string ""');
    if (hasAttr(this, name) && !this._buffers.__contains__(name)) throw new KeyError(`attribute '${name}' already exists`);
    if (tensor !== null && !(tensor instanceof Tensor))
      throw new PyTypeError(`cannot assign '${torchTypename(tensor)}' object to buffer '${name}' (torch Tensor or None required)`);
    this._buffers.__setitem__(name, tensor);
    if (keep) this._non_persistent_buffers_set.delete(name);
    else this._non_persistent_buffers_set.add(name);
  }

  register_parameter(name: string, param: Parameter | null): void {
    if (typeof name !== "string") throw new PyTypeError(`parameter name should be a string. Got ${typeName(name)}`);
    if (name.includes(".")) throw new KeyError('parameter name can\'t contain "."');
    if (name === "") throw new KeyError('parameter name can\'t be empty string ""');
    if (hasAttr(this, name) && !this._parameters.__contains__(name)) throw new KeyError(`attribute '${name}' already exists`);
    if (param === null || param === undefined) {
      this._parameters.__setitem__(name, null);
      return;
    }
    if (!isParameter(param))
      throw new PyTypeError(`cannot assign '${torchTypename(param)}' object to parameter '${name}' (torch.nn.Parameter or None required)`);
    if (param.grad_fn !== null && !param.is_leaf)
      throw new ValueError(
        `Cannot assign non-leaf Tensor to parameter '${name}'. Model parameters must be created explicitly. To express '${name}' as a function of another Tensor, compute the value in the forward() method.`,
      );
    this._parameters.__setitem__(name, param);
  }

  add_module(name: string, module: ModuleImpl | null): void {
    if (module !== null && !(module instanceof ModuleImpl)) throw new PyTypeError(`${torchTypename(module)} is not a Module subclass`);
    if (typeof name !== "string") throw new PyTypeError(`module name should be a string. Got ${typeName(name)}`);
    if (hasAttr(this, name) && !this._modules.__contains__(name)) throw new KeyError(`attribute '${name}' already exists`);
    if (name.includes(".")) throw new KeyError(`module name can't contain ".", got: ${name}`);
    if (name === "") throw new KeyError('module name can\'t be empty string ""');
    this._modules.__setitem__(name, module);
  }
  register_module(name: string, module: ModuleImpl | null): void {
    this.add_module(name, module);
  }

  get_submodule(target: string): ModuleImpl {
    if (target === "") return this;
    let mod: ModuleImpl = this;
    for (const item of target.split(".")) {
      if (!hasAttr(mod, item)) throw new AttributeError(`${mod._get_name()} has no attribute \`${item}\``);
      mod = (mod as any)[item];
      if (!(mod instanceof ModuleImpl)) throw new AttributeError(`\`${item}\` is not an nn.Module`);
    }
    return mod;
  }
  get_parameter(target: string): Parameter {
    const i = target.lastIndexOf(".");
    const mod = this.get_submodule(i < 0 ? "" : target.slice(0, i));
    const name = target.slice(i + 1);
    if (!hasAttr(mod, name)) throw new AttributeError(`${mod._get_name()} has no attribute \`${name}\``);
    const p = (mod as any)[name];
    if (!isParameter(p)) throw new AttributeError(`\`${name}\` is not an nn.Parameter`);
    return p;
  }

  // ---- iteration ------------------------------------------------------------------------------

  *_named_members(get: (m: ModuleImpl) => Iterable<[string, any]>, prefix = "", recurse = true): Generator<PyTuple<any>> {
    const memo = new Set<unknown>();
    const modules: Iterable<PyTuple<any>> = recurse ? this.named_modules({ prefix }) : [tuple2(prefix, this)];
    for (const [modPrefix, mod] of modules as Iterable<[string, ModuleImpl]>) {
      for (const [k, v] of get(mod)) {
        if (v === null || v === undefined || memo.has(v)) continue;
        memo.add(v);
        yield tuple2(modPrefix + (modPrefix ? "." : "") + k, v);
      }
    }
  }

  parameters(recurse: boolean | { recurse?: boolean } = true): PyGenerator<Parameter> {
    const r = typeof recurse === "object" ? recurse.recurse ?? true : recurse;
    const named = this.named_parameters({ recurse: r });
    return new PyGenerator(
      (function* () {
        for (const [, p] of named) yield p as Parameter;
      })(),
      "Module.parameters",
    );
  }
  named_parameters(prefix: string | { prefix?: string; recurse?: boolean } = "", recurse = true): PyGenerator<PyTuple<any>> {
    if (typeof prefix === "object") ({ prefix = "", recurse = true } = prefix);
    return new PyGenerator(this._named_members((m) => m._parameters._map.entries(), prefix, recurse), "Module.named_parameters");
  }
  buffers(recurse: boolean | { recurse?: boolean } = true): PyGenerator<Tensor> {
    const r = typeof recurse === "object" ? recurse.recurse ?? true : recurse;
    const named = this.named_buffers({ recurse: r });
    return new PyGenerator(
      (function* () {
        for (const [, b] of named) yield b as Tensor;
      })(),
      "Module.buffers",
    );
  }
  named_buffers(prefix: string | { prefix?: string; recurse?: boolean } = "", recurse = true): PyGenerator<PyTuple<any>> {
    if (typeof prefix === "object") ({ prefix = "", recurse = true } = prefix);
    return new PyGenerator(this._named_members((m) => m._buffers._map.entries(), prefix, recurse), "Module.named_buffers");
  }
  children(): PyGenerator<ModuleImpl> {
    const named = this.named_children();
    return new PyGenerator(
      (function* () {
        for (const [, m] of named) yield m as ModuleImpl;
      })(),
      "Module.children",
    );
  }
  named_children(): PyGenerator<PyTuple<any>> {
    const mods = this._modules._map;
    return new PyGenerator(
      (function* () {
        const memo = new Set<unknown>();
        for (const [name, m] of mods) {
          if (m !== null && !memo.has(m)) {
            memo.add(m);
            yield tuple2(name, m);
          }
        }
      })(),
      "Module.named_children",
    );
  }
  modules(): PyGenerator<ModuleImpl> {
    const named = this.named_modules();
    return new PyGenerator(
      (function* () {
        for (const [, m] of named) yield m as ModuleImpl;
      })(),
      "Module.modules",
    );
  }
  named_modules(
    memo: Set<unknown> | null | { memo?: Set<unknown> | null; prefix?: string; remove_duplicate?: boolean } = null,
    prefix = "",
    remove_duplicate = true,
  ): PyGenerator<PyTuple<any>> {
    if (memo !== null && !(memo instanceof Set)) ({ memo = null, prefix = "", remove_duplicate = true } = memo);
    const self = this;
    const seen = (memo as Set<unknown> | null) ?? new Set<unknown>();
    return new PyGenerator(
      (function* walk(mod: ModuleImpl, pre: string): Generator<PyTuple<any>> {
        if (remove_duplicate && seen.has(mod)) return;
        if (remove_duplicate) seen.add(mod);
        yield tuple2(pre, mod);
        for (const [name, child] of mod._modules._map) {
          if (child === null) continue;
          yield* walk(child, pre + (pre ? "." : "") + name);
        }
      })(self, prefix),
      "Module.named_modules",
    );
  }

  // ---- modes and bulk changes ------------------------------------------------------------------

  train(mode: boolean = true): this {
    if (typeof mode !== "boolean") throw new ValueError("training mode is expected to be boolean");
    this.training = mode;
    for (const m of this.children()) m.train(mode);
    return this;
  }
  eval(): this {
    return this.train(false);
  }
  requires_grad_(requires_grad: boolean = true): this {
    for (const p of this.parameters()) p.requires_grad_(requires_grad);
    return this;
  }
  zero_grad(set_to_none: boolean | { set_to_none?: boolean } = false): void {
    const none = typeof set_to_none === "object" ? set_to_none.set_to_none ?? false : set_to_none;
    for (const p of this.parameters()) {
      const g = p._grad;
      if (g === null) continue;
      if (none) p._grad = null;
      else {
        // a grad made with create_graph has a history; PyTorch detaches it before zeroing
        const z = g._grad_fn !== null ? g.detach() : g;
        if (z !== g) p._grad = z;
        else g.requires_grad_(false);
        z.zero_();
      }
    }
  }
  apply(fn: (m: ModuleImpl) => unknown): this {
    for (const m of this.children()) m.apply(fn);
    fn(this);
    return this;
  }
  /** Apply `fn` to every parameter, gradient and buffer, in place (param.data = fn(param)). */
  _apply(fn: (t: Tensor) => Tensor): this {
    for (const m of this.children()) m._apply(fn);
    no_grad(() => {
      for (const [, p] of this._parameters._map) {
        if (p === null) continue;
        const applied = fn(p);
        if (applied !== p) p.data = applied;
        if (p._grad !== null) {
          const ga = fn(p._grad);
          if (ga !== p._grad) p._grad.data = ga;
        }
      }
      for (const [k, b] of this._buffers._map) if (b !== null) this._buffers.__setitem__(k, fn(b));
    });
    return this;
  }
  /**
   * to(device), to(dtype), to(device, dtype), to(tensor), and the keywords device=/dtype=.
   * As PyTorch's _apply: each parameter keeps its identity (param.data is replaced), so an
   * optimizer built before the move still holds the moved parameters; dtype changes apply to
   * floating tensors only, device moves to every parameter and buffer.
   */
  to(...args: unknown[]): this {
    let dtype: DType | null = null;
    let device: string | Device | null = null;
    const take = (a: unknown): void => {
      if (a === null || a === undefined) return;
      if (typeof a === "string" || a instanceof Device) device = a;
      else if (a instanceof Tensor) {
        dtype = a.dtype;
        device = a.device;
      } else if (typeof a === "object" && "itemsize" in (a as object)) dtype = a as DType;
    };
    const last = args[args.length - 1];
    if (last !== null && typeof last === "object" && Object.getPrototypeOf(last) === Object.prototype) {
      args = args.slice(0, -1);
      const kw = last as { device?: unknown; dtype?: unknown };
      take(kw.device);
      take(kw.dtype);
    }
    for (const a of args) take(a);
    const dt = dtype as DType | null;
    if (dt !== null && dt.kind !== "float") throw new PyTypeError(`nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=${dt}`);
    if (dt === null && device === null) return this;
    const dev = device === null ? null : parseDevice(device);
    return this._apply((t) => {
      const d = dev ?? t.device;
      return dt !== null && t.is_floating_point() ? t.to(d, dt) : dev !== null ? t.to(d) : t;
    });
  }
  float(): this {
    return this._apply((t) => (t.is_floating_point() ? t.float() : t));
  }
  double(): this {
    return this._apply((t) => (t.is_floating_point() ? t.double() : t));
  }
  /** Moving device parameters to the CPU needs their values: fetch them first (docs/webgpu.md). */
  cpu(): this {
    return this.to("cpu");
  }
  share_memory(): this {
    return this;
  }

  // ---- state_dict -------------------------------------------------------------------------------

  state_dict(...args: unknown[]): OrderedDict<string, Tensor> {
    let destination: OrderedDict<string, Tensor> | null = null;
    let prefix = "";
    let keep_vars = false;
    const last = args[args.length - 1];
    if (last !== null && typeof last === "object" && Object.getPrototypeOf(last) === Object.prototype) {
      const kw = last as any;
      destination = kw.destination ?? null;
      prefix = kw.prefix ?? "";
      keep_vars = kw.keep_vars ?? false;
    } else if (args.length > 0) {
      destination = (args[0] as any) ?? null;
      prefix = (args[1] as string) ?? "";
      keep_vars = (args[2] as boolean) ?? false;
    }
    const dest = destination ?? new OrderedDict<string, Tensor>();
    this._save_to_state_dict(dest, prefix, keep_vars);
    for (const [name, m] of this._modules._map) if (m !== null) m.state_dict(dest, prefix + name + ".", keep_vars);
    return dest;
  }
  _save_to_state_dict(dest: OrderedDict<string, Tensor>, prefix: string, keep_vars: boolean): void {
    for (const [name, p] of this._parameters._map) if (p !== null) dest.__setitem__(prefix + name, keep_vars ? p : p.detach());
    for (const [name, b] of this._buffers._map)
      if (b !== null && !this._non_persistent_buffers_set.has(name)) dest.__setitem__(prefix + name, keep_vars ? b : b.detach());
  }

  load_state_dict(state_dict: unknown, strict: boolean | { strict?: boolean } = true): _IncompatibleKeys {
    const st = typeof strict === "object" ? strict.strict ?? true : strict;
    let sd: Map<string, unknown>;
    if (state_dict instanceof PyDict) sd = state_dict._map as Map<string, unknown>;
    else if (state_dict instanceof Map) sd = state_dict as Map<string, unknown>;
    else if (state_dict !== null && typeof state_dict === "object" && Object.getPrototypeOf(state_dict) === Object.prototype)
      sd = new Map(Object.entries(state_dict));
    else throw new PyTypeError(`Expected state_dict to be dict-like, got ${pyRepr(typeOf(state_dict))}.`);

    const missing: string[] = [];
    const unexpected: string[] = [];
    const errors: string[] = [];
    // Check everything first and copy only when nothing failed: a failed load leaves the
    // module as it was (PyTorch copies the matching entries before raising).
    const copies: Array<[Tensor, Tensor]> = [];
    const visit = (mod: ModuleImpl, prefix: string) => {
      const local = new Map<string, Tensor>();
      for (const [k, p] of mod._parameters._map) if (p !== null) local.set(k, p);
      for (const [k, b] of mod._buffers._map) if (b !== null && !mod._non_persistent_buffers_set.has(k)) local.set(k, b);
      for (const [name, param] of local) {
        const key = prefix + name;
        if (sd.has(key)) {
          let input = sd.get(key) as any;
          if (!(input instanceof Tensor)) {
            errors.push(`While copying the parameter named "${key}", expected torch.Tensor or Tensor-like object from checkpoint but received ${pyRepr(typeOf(input))}`);
            continue;
          }
          // checkpoints from 0.3 stored scalars as 1-element 1-dim tensors
          if (param._shape.length === 0 && input._shape.length === 1) input = input.select(0, 0);
          if (!sameShape(input._shape, param._shape)) {
            errors.push(
              `size mismatch for ${key}: copying a param with shape ${pyRepr(input.shape)} from checkpoint, the shape in current model is ${pyRepr(param.shape)}.`,
            );
            continue;
          }
          copies.push([param, input]);
        } else missing.push(key);
      }
      {
        // PyTorch collects missing and unexpected keys even when not strict (it only raises when strict)
        for (const key of sd.keys()) {
          if (!key.startsWith(prefix)) continue;
          const inputName = key.slice(prefix.length).split(".", 1)[0];
          if (!mod._modules.__contains__(inputName) && !local.has(inputName)) unexpected.push(key);
        }
      }
      for (const [name, child] of mod._modules._map) if (child !== null) visit(child, prefix + name + ".");
    };
    visit(this, "");
    if (st) {
      if (unexpected.length > 0) errors.unshift(`Unexpected key(s) in state_dict: ${unexpected.map((k) => `"${k}"`).join(", ")}. `);
      if (missing.length > 0) errors.unshift(`Missing key(s) in state_dict: ${missing.map((k) => `"${k}"`).join(", ")}. `);
    }
    if (errors.length > 0) throw new RuntimeError(`Error(s) in loading state_dict for ${this._get_name()}:\n\t${errors.join("\n\t")}`);
    no_grad(() => {
      for (const [p, v] of copies) p.copy_(v);
    });
    const r = new _IncompatibleKeys();
    r.push(missing, unexpected);
    return r;
  }

  // ---- printing ---------------------------------------------------------------------------------

  _get_name(): string {
    return pyName(this.constructor);
  }
  extra_repr(): string {
    return "";
  }
  __repr__(): string {
    const extra = this.extra_repr();
    const extraLines = extra ? extra.split("\n") : [];
    const childLines: string[] = [];
    for (const [key, m] of this._modules._map) childLines.push(`(${key}): ${addIndent(pyRepr(m), 2)}`);
    const lines = [...extraLines, ...childLines];
    let main = this._get_name() + "(";
    if (lines.length > 0) {
      if (extraLines.length === 1 && childLines.length === 0) main += extraLines[0];
      else main += "\n  " + lines.join("\n  ") + "\n";
    }
    return main + ")";
  }
  __str__(): string {
    return this.__repr__();
  }
  toString(): string {
    return this.__repr__();
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.__repr__();
  }
  __dir__(): string[] {
    const own = Object.keys(rawTarget(this));
    return [...new Set([...own, ...this._parameters.keys(), ...this._buffers.keys(), ...this._modules.keys()])].sort();
  }
}
Object.defineProperty(ModuleImpl.prototype, CALLABLE_OBJECT, { value: true });


function typeOf(v: unknown): unknown {
  // Python's `type(x)` for messages: printed as <class 'int'>
  return { __repr__: () => `<class '${typeName(v)}'>` };
}

function sameShape(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

function makeTuple(items: unknown[]): PyTuple<unknown> {
  const t = new PyTuple<unknown>();
  for (const x of items) t.push(x);
  return t;
}

const RAW = Symbol("tsgrad.moduleTarget");
function rawTarget(m: ModuleImpl): any {
  return (m as any)[RAW];
}

/** Python's hasattr on a module (own attribute, class attribute or registered entry). */
function hasAttr(m: ModuleImpl, name: string): boolean {
  return name in m;
}

function lookupRegistered(target: any, key: string): { found: boolean; value?: unknown } {
  const p = target._parameters?._map as Map<string, unknown> | undefined;
  if (p && p.has(key)) return { found: true, value: p.get(key) };
  const b = target._buffers?._map as Map<string, unknown> | undefined;
  if (b && b.has(key)) return { found: true, value: b.get(key) };
  const m = target._modules?._map as Map<string, unknown> | undefined;
  if (m && m.has(key)) return { found: true, value: m.get(key) };
  return { found: false };
}

/** Python's Module.__setattr__. `receiver` is the Proxy (for methods that must see it). */
function setAttr(target: any, key: string, value: unknown, receiver: any): void {
  const params: OrderedDict<string, unknown> | undefined = target._parameters;
  if (isParameter(value)) {
    if (params === undefined) throw new AttributeError("cannot assign parameters before Module.__init__() call");
    if (Object.hasOwn(target, key)) delete target[key];
    target._buffers._map.delete(key);
    target._modules._map.delete(key);
    target._non_persistent_buffers_set.delete(key);
    receiver.register_parameter(key, value);
    return;
  }
  if (params !== undefined && params._map.has(key)) {
    if (value !== null && value !== undefined)
      throw new PyTypeError(`cannot assign '${torchTypename(value)}' as parameter '${key}' (torch.nn.Parameter or None expected)`);
    receiver.register_parameter(key, null);
    return;
  }
  if (value instanceof ModuleImpl) {
    if (params === undefined) throw new AttributeError("cannot assign module before Module.__init__() call");
    if (Object.hasOwn(target, key)) delete target[key];
    params._map.delete(key);
    target._buffers._map.delete(key);
    target._non_persistent_buffers_set.delete(key);
    target._modules._map.set(key, value);
    return;
  }
  const mods: OrderedDict<string, unknown> | undefined = target._modules;
  if (mods !== undefined && mods._map.has(key)) {
    if (value !== null && value !== undefined)
      throw new PyTypeError(`cannot assign '${torchTypename(value)}' as child module '${key}' (torch.nn.Module or None expected)`);
    mods._map.set(key, null);
    return;
  }
  const bufs: OrderedDict<string, unknown> | undefined = target._buffers;
  if (bufs !== undefined && bufs._map.has(key)) {
    if (value !== null && value !== undefined && !(value instanceof Tensor))
      throw new PyTypeError(`cannot assign '${torchTypename(value)}' as buffer '${key}' (torch.Tensor or None expected)`);
    bufs._map.set(key, value ?? null);
    return;
  }
  // a plain attribute (accessors on the class, such as a layer's own setters, run as usual)
  const desc = findDescriptor(target, key);
  if (desc && desc.set) {
    desc.set.call(receiver, value);
    return;
  }
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: Object.hasOwn(target, key) ? desc!.enumerable : true });
}

function findDescriptor(obj: any, key: string): PropertyDescriptor | undefined {
  for (let o = obj; o !== null; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, key);
    if (d) return d;
  }
  return undefined;
}

const moduleTraps: ProxyHandler<any> = {
  get(target, key, receiver) {
    if (key === RAW) return target;
    if (typeof key === "symbol") return Reflect.get(target, key, receiver);
    if (key === "constructor" && Object.hasOwn(target, DIALECT_CLASS)) return target[DIALECT_CLASS];
    if (key in target) return Reflect.get(target, key, receiver);
    const reg = lookupRegistered(target, key);
    if (reg.found) return reg.value;
    const idx = target._getIndexed.call(receiver, key);
    if (idx.found) return idx.value;
    if (PROBES.has(key) || key.startsWith("@@") || key.startsWith("$$")) return undefined;
    // Python looks protocol methods (`__format__` for f-strings, `__len__`, `__float__`...) up
    // on the type, never through Module.__getattr__: a missing one is "not there", not an error
    if (DUNDER.test(key)) return undefined;
    throw new AttributeError(`'${pyName(receiver.constructor)}' object has no attribute '${key}'`);
  },
  set(target, key, value, receiver) {
    if (typeof key === "symbol") return Reflect.set(target, key, value);
    if (!(key in target) && !lookupRegistered(target, key).found && target._setIndexed.call(receiver, key, value)) return true;
    setAttr(target, key, value, receiver);
    return true;
  },
  defineProperty(target, key, desc) {
    // class fields (`w = new nn.Parameter(...)` in a subclass body) are defined, not assigned
    if (typeof key === "string" && "value" in desc && target._parameters !== undefined) {
      setAttr(target, key, desc.value, new Proxy(target, moduleTraps));
      return true;
    }
    return Reflect.defineProperty(target, key, desc);
  },
  has(target, key) {
    if (key in target) return true;
    return typeof key === "string" && lookupRegistered(target, key).found;
  },
  deleteProperty(target, key) {
    if (typeof key === "string") {
      for (const reg of [target._parameters, target._buffers, target._modules]) {
        if (reg && reg._map.has(key)) {
          reg._map.delete(key);
          if (reg === target._buffers) target._non_persistent_buffers_set.delete(key);
          return true;
        }
      }
      if (!Object.hasOwn(target, key)) throw new AttributeError(key);
    }
    return Reflect.deleteProperty(target, key);
  },
};

export const Module = pyclass(ModuleImpl, "Module");
export type Module = ModuleImpl;
