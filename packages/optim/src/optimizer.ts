// torch.optim.Optimizer as in PyTorch 1.13 (torch/optim/optimizer.py): param groups with
// per-group options, `state` as a defaultdict keyed by parameter, state_dict with integer
// parameter indices, load_state_dict, zero_grad (set_to_none=False, 1.13's default), printing.

import { Tensor, withGradMode } from "@tsgrad/core";
import {
  PyDict, ValueError, TypeError as PyTypeError, AssertionError, NotImplementedError, KeyError,
  pyStr, typeName, warnings, UserWarning,
} from "@tsgrad/py";
import { DefaultDict, deepcopy, dentries, dget, isDictLike } from "./dicts.ts";

/** Optimizer's `required` sentinel (SGD's lr has no default in 1.13). */
export const required = {
  __repr__: () => "<required parameter>",
  __str__: () => "<required parameter>",
  toString: () => "<required parameter>",
};

/** torch.typename: a tensor's legacy type name, else Python's type name. */
export function torchTypename(v: unknown): string {
  if (v instanceof Tensor) return `torch.${v.dtype.legacyName}`;
  return typeName(v);
}

/** list(x) for Python iterables; Python's TypeError for anything else. */
export function pyList(x: unknown): unknown[] {
  if (Array.isArray(x)) return x.slice();
  if (x instanceof PyDict) return [...x._map.keys()];
  if (x != null && typeof (x as any)[Symbol.iterator] === "function" && typeof x !== "string") return [...(x as Iterable<unknown>)];
  if (typeof x === "string") return [...x];
  throw new PyTypeError(`'${typeName(x)}' object is not iterable`);
}

export type Group = PyDict<string, any>;

export class Optimizer {
  declare defaults: PyDict<string, any>;
  declare state: DefaultDict<any, PyDict<string, any>>;
  declare param_groups: Group[];
  [key: string]: any;

  constructor(params: unknown, defaults: unknown) {
    this.defaults = defaults instanceof PyDict ? defaults : new PyDict(dentries(defaults));
    if (params instanceof Tensor)
      throw new PyTypeError(`params argument given to the optimizer should be an iterable of Tensors or dicts, but got ${torchTypename(params)}`);
    this.state = new DefaultDict(() => new PyDict());
    this.param_groups = [];
    let groups = pyList(params);
    if (groups.length === 0) throw new ValueError("optimizer got an empty parameter list");
    if (!isDictLike(groups[0])) groups = [{ params: groups }];
    for (const g of groups) this.add_param_group(g);
  }

  /** Add a group; options it leaves out come from `defaults`. */
  add_param_group(param_group: unknown): void {
    if (!isDictLike(param_group)) throw new AssertionError("param group must be a dict");
    const group: Group = new PyDict(dentries(param_group));
    const params = group._map.get("params");
    if (params instanceof Tensor) group._map.set("params", [params]);
    else if (params instanceof Set)
      throw new PyTypeError(
        "optimizer parameters need to be organized in ordered collections, but the ordering of tensors in sets will change between runs. Please use a list instead.",
      );
    else if (!group._map.has("params")) throw new KeyError("'params'");
    else group._map.set("params", pyList(params));
    const list = group._map.get("params") as unknown[];
    for (const p of list) {
      if (!(p instanceof Tensor)) throw new PyTypeError(`optimizer can only optimize Tensors, but one of the params is ${torchTypename(p)}`);
      if (!this.defaults._map.get("differentiable") && !(p.is_leaf || p.retains_grad)) throw new ValueError("can't optimize a non-leaf Tensor");
    }
    for (const [name, dflt] of this.defaults._map) {
      if (dflt === required && !group._map.has(name))
        throw new ValueError(`parameter group didn't specify a value of required optimization parameter ${name}`);
      if (!group._map.has(name)) group._map.set(name, dflt);
    }
    if (new Set(list).size !== list.length)
      warnings.warn(
        "optimizer contains a parameter group with duplicate parameters; in future, this will cause an error; see github.com/pytorch/pytorch/issues/40967 for more information",
        UserWarning,
      );
    const seen = new Set<unknown>();
    for (const g of this.param_groups) for (const p of g._map.get("params")) seen.add(p);
    if (list.some((p) => seen.has(p))) throw new ValueError("some parameters appear in more than one parameter group");
    this.param_groups.push(group);
  }

  /** zero_grad(set_to_none=False): 1.13 zeroes the grads in place (detached) by default. */
  zero_grad(set_to_none: boolean | { set_to_none?: boolean } = false): void {
    const toNone = typeof set_to_none === "object" && set_to_none !== null ? !!set_to_none.set_to_none : !!set_to_none;
    for (const group of this.param_groups) {
      for (const p of group._map.get("params") as Tensor[]) {
        const g = p.grad;
        if (g === null) continue;
        if (toNone) {
          p.grad = null;
          continue;
        }
        if (g._grad_fn !== null) {
          // detach_(): the grad leaves the graph it was built in (create_graph=True)
          g._grad_fn = null;
          g._output_nr = 0;
        }
        g._requires_grad = false;
        withGradMode(false, () => g.zero_());
      }
    }
  }

  step(_closure?: unknown): unknown {
    throw new NotImplementedError("");
  }

  /** Run `closure` under enable_grad (as 1.13's step does) and return its loss. */
  protected _closure(closure: unknown): unknown {
    if (closure == null) return null;
    if (typeof closure !== "function") throw new PyTypeError(`'${typeName(closure)}' object is not callable`);
    return withGradMode(true, () => (closure as () => unknown)());
  }

  /** The state dict of one parameter (created empty on first use, as defaultdict does). */
  protected _state(p: Tensor): PyDict<string, any> {
    return this.state.__getitem__(p);
  }

  state_dict(): PyDict<string, any> {
    const mapping = new Map<unknown, number>();
    let start = 0;
    const packGroup = (g: Group): Group => {
      const packed = new PyDict<string, any>();
      for (const [k, v] of g._map) if (k !== "params") packed._map.set(k, v);
      const ps = g._map.get("params") as unknown[];
      ps.forEach((p, i) => {
        if (!mapping.has(p)) mapping.set(p, start + i);
      });
      packed._map.set("params", ps.map((p) => mapping.get(p)!));
      start += ps.length;
      return packed;
    };
    const groups = this.param_groups.map(packGroup);
    const packedState = new PyDict<any, any>();
    for (const [k, v] of this.state._map) packedState._map.set(k instanceof Tensor ? mapping.get(k) : k, v);
    return new PyDict<string, any>([
      ["state", packedState],
      ["param_groups", groups],
    ]);
  }

  load_state_dict(state_dict: unknown): void {
    const sd = deepcopy(state_dict) as PyDict<string, any>;
    const groups = this.param_groups;
    const saved = pyList(dget(sd, "param_groups")) as unknown[];
    if (groups.length !== saved.length) throw new ValueError("loaded state dict has a different number of parameter groups");
    if (groups.some((g, i) => (g._map.get("params") as unknown[]).length !== pyList(dget(saved[i], "params")).length))
      throw new ValueError("loaded state dict contains a parameter group that doesn't match the size of optimizer's group");
    const idMap = new Map<unknown, Tensor>();
    saved.forEach((sg, i) => {
      const ids = pyList(dget(sg, "params"));
      const ps = groups[i]._map.get("params") as Tensor[];
      ids.forEach((id, j) => idMap.set(id, ps[j]));
    });
    const cast = (param: Tensor, value: any, key: string | null = null): any => {
      if (value instanceof Tensor) {
        if (key !== "step" && param.is_floating_point() && value.dtype !== param.dtype) return value.to(param.dtype);
        return value;
      }
      if (value instanceof PyDict) {
        const d = new PyDict<any, any>();
        for (const [k, v] of value._map) d._map.set(k, cast(param, v, k));
        return d;
      }
      if (Array.isArray(value)) {
        const out = value.map((v) => cast(param, v));
        return Object.setPrototypeOf(out, Object.getPrototypeOf(value));
      }
      return value;
    };
    const state = new DefaultDict<any, PyDict<string, any>>(() => new PyDict());
    for (const [k, v] of dentries(dget(sd, "state"))) {
      const param = idMap.get(k);
      state._map.set(param ?? k, param ? cast(param, v) : v);
    }
    const newGroups = saved.map((sg, i) => {
      const g: Group = sg instanceof PyDict ? sg : new PyDict(dentries(sg));
      g._map.set("params", groups[i]._map.get("params"));
      return g;
    });
    this.state = state;
    this.param_groups = newGroups;
    if (!this.defaults._map.has("differentiable")) this.defaults._map.set("differentiable", false);
    this._setstate();
  }

  /** Defaults that older state dicts may lack (each optimizer's __setstate__). */
  protected _setstate(): void {}

  __repr__(): string {
    let s = `${Object.getPrototypeOf(this).constructor.name} (`;
    this.param_groups.forEach((group, i) => {
      s += `\nParameter Group ${i}\n`;
      for (const key of [...group._map.keys()].sort()) if (key !== "params") s += `    ${key}: ${pyStr(group._map.get(key))}\n`;
    });
    return s + ")";
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
}

/** Python's `group['key']` for the update loops. */
export function opt<T = any>(group: Group, key: string): T {
  return group._map.get(key) as T;
}
