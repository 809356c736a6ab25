// torch.optim.lr_scheduler as in PyTorch 1.13: StepLR, MultiStepLR, ExponentialLR,
// CosineAnnealingLR, LambdaLR (recursive get_lr, closed form when step(epoch) is given) and
// ReduceLROnPlateau. A scheduler's Python attributes are its own enumerable properties, set in
// Python's order, so state_dict() (Python's `self.__dict__` minus the optimizer) prints as 1.13's.

import {
  PyDict, ValueError, TypeError as PyTypeError, KeyError, UserWarning, warnings, typeName,
  isFloatValue, asFloat, float as pyFloat, fmt, print, PyTuple, NotImplementedError,
} from "@tsgrad/py";
import { Optimizer, opt } from "./optimizer.ts";
import { bind, pyclass, REQUIRED, type Spec } from "./args.ts";
import { Counter, counter, dentries } from "./dicts.ts";
import { pyPow } from "./pymath.ts";

const EPOCH_DEPRECATION_WARNING =
  "The epoch parameter in `scheduler.step()` was not necessary and is being deprecated where possible. Please use `scheduler.step()` to step the scheduler. During the deprecation, if epoch is different from None, the closed form is used instead of the new chainable form, where available. Please open an issue if you are unable to replicate your use case: https://github.com/pytorch/pytorch/issues/new/choose.";
const GET_LR_WARNING = "To get the last learning rate computed by the scheduler, please use `get_last_lr()`.";

/** Python's a * b: a float when either factor is one (so 0.5 * 2 prints `1.0`). */
function mul(a: number, b: number): number {
  const r = Number(a) * Number(b);
  return isFloatValue(a) || isFloatValue(b) ? asFloat(r) : r;
}
/** Python's a ** b for the lr formulas. */
function pow(a: number, b: number): number {
  const r = pyPow(a, b);
  return isFloatValue(a) || isFloatValue(b) || b < 0 ? asFloat(r) : r;
}

function checkOptimizer(optimizer: unknown): asserts optimizer is Optimizer {
  if (!(optimizer instanceof Optimizer)) {
    const n = typeof optimizer === "object" && optimizer !== null ? Object.getPrototypeOf(optimizer).constructor.name : typeName(optimizer);
    throw new PyTypeError(`${n} is not an Optimizer`);
  }
}

function hidden(obj: object, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, configurable: true, enumerable: false });
}

export class _LRScheduler {
  [key: string]: any;

  /** `attrs` are the subclass's attributes Python sets before calling this constructor. */
  constructor(optimizer: unknown, last_epoch: number, verbose: boolean, attrs: Array<[string, unknown]> = []) {
    for (const [k, v] of attrs) this[k] = v;
    checkOptimizer(optimizer);
    this.optimizer = optimizer;
    const groups = optimizer.param_groups;
    if (last_epoch === -1) {
      for (const g of groups) g.setdefault("initial_lr", opt(g, "lr"));
    } else {
      groups.forEach((g, i) => {
        if (!g._map.has("initial_lr")) throw new KeyError(`param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer`);
      });
    }
    this.base_lrs = groups.map((g) => opt(g, "initial_lr"));
    this.last_epoch = last_epoch;
    // the optimizer's step counts its calls, so step() can tell whether it ran first
    const inner = optimizer.step;
    if (!(inner as any)._with_counter) {
      const wrapper = function (this: unknown, ...args: unknown[]) {
        optimizer._step_count += 1;
        return (inner as (...a: unknown[]) => unknown).apply(optimizer, args);
      };
      (wrapper as any)._with_counter = true;
      hidden(optimizer, "step", wrapper);
    }
    this.verbose = verbose;
    hidden(optimizer, "_step_count", 0);
    this._step_count = 0;
    this.step();
  }

  state_dict(): PyDict<string, any> {
    return new PyDict(Object.entries(this).filter(([k]) => k !== "optimizer"));
  }
  load_state_dict(state_dict: unknown): void {
    for (const [k, v] of dentries(state_dict)) this[k] = v;
  }
  get_last_lr(): number[] {
    return this._last_lr;
  }
  get_lr(): number[] {
    throw new NotImplementedError("");
  }
  print_lr(is_verbose: boolean, group: number, lr: number, epoch: number | null = null): void {
    if (!is_verbose) return;
    if (epoch === null) print(`Adjusting learning rate of group ${group} to ${fmt(lr, ".4e")}.`);
    else {
      const e = isFloatValue(epoch) ? fmt(epoch, ".2f") : String(Math.trunc(epoch)).padStart(5, "0");
      print(`Epoch ${e}: adjusting learning rate of group ${group} to ${fmt(lr, ".4e")}.`);
    }
  }
  protected _warnGetLr(): void {
    if (!this._get_lr_called_within_step) warnings.warn(GET_LR_WARNING, UserWarning);
  }

  step(epoch: number | null = null): void {
    const o = this.optimizer as Optimizer;
    if (this._step_count === 1) {
      if (!(o.step as any)._with_counter)
        warnings.warn(
          "Seems like `optimizer.step()` has been overridden after learning rate scheduler initialization. Please, make sure to call `optimizer.step()` before `lr_scheduler.step()`. See more details at https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate",
          UserWarning,
        );
      else if (o._step_count < 1)
        warnings.warn(
          "Detected call of `lr_scheduler.step()` before `optimizer.step()`. In PyTorch 1.1.0 and later, you should call them in the opposite order: `optimizer.step()` before `lr_scheduler.step()`.  Failure to do this will result in PyTorch skipping the first value of the learning rate schedule. See more details at https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate",
          UserWarning,
        );
    }
    this._step_count += 1;
    let values: number[];
    this._get_lr_called_within_step = true;
    try {
      if (epoch === null || epoch === undefined) {
        this.last_epoch += 1;
        values = this.get_lr();
      } else {
        warnings.warn(EPOCH_DEPRECATION_WARNING, UserWarning);
        this.last_epoch = epoch;
        values = typeof this._get_closed_form_lr === "function" ? this._get_closed_form_lr() : this.get_lr();
      }
    } finally {
      this._get_lr_called_within_step = false;
    }
    o.param_groups.forEach((g, i) => {
      if (i >= values.length) return;
      g._map.set("lr", values[i]);
      this.print_lr(this.verbose, i, values[i], epoch ?? null);
    });
    this._last_lr = o.param_groups.map((g) => opt(g, "lr"));
  }

  protected _lrs(): number[] {
    return (this.optimizer as Optimizer).param_groups.map((g) => opt(g, "lr"));
  }
}

class LambdaLR_ extends _LRScheduler {
  constructor(...args: unknown[]) {
    const a = bind("LambdaLR.__init__", [["optimizer", REQUIRED], ["lr_lambda", REQUIRED], ["last_epoch", -1], ["verbose", false]], args);
    const optimizer = a.optimizer as Optimizer;
    let lambdas: Array<(e: number) => number>;
    if (!Array.isArray(a.lr_lambda)) {
      checkOptimizer(optimizer);
      lambdas = optimizer.param_groups.map(() => a.lr_lambda);
    } else {
      const n = (optimizer as Optimizer).param_groups.length;
      if (a.lr_lambda.length !== n) throw new ValueError(`Expected ${n} lr_lambdas, but got ${a.lr_lambda.length}`);
      lambdas = [...a.lr_lambda];
    }
    super(optimizer, a.last_epoch, a.verbose, [["optimizer", optimizer], ["lr_lambdas", lambdas]]);
  }
  override state_dict(): PyDict<string, any> {
    const d = new PyDict(Object.entries(this).filter(([k]) => k !== "optimizer" && k !== "lr_lambdas"));
    // functions are not saved; a callable object's own fields are (Python's fn.__dict__)
    d._map.set("lr_lambdas", this.lr_lambdas.map((fn: any) => (typeof fn === "function" ? null : new PyDict(Object.entries(fn)))));
    return d;
  }
  override load_state_dict(state_dict: unknown): void {
    const entries = dentries(state_dict);
    const lambdas = entries.find(([k]) => k === "lr_lambdas")?.[1] ?? [];
    for (const [k, v] of entries) if (k !== "lr_lambdas") this[k] = v;
    (lambdas as unknown[]).forEach((fn, i) => {
      if (fn !== null && fn !== undefined) Object.assign(this.lr_lambdas[i], Object.fromEntries(dentries(fn)));
    });
  }
  override get_lr(): number[] {
    this._warnGetLr();
    return this.base_lrs.map((base: number, i: number) => mul(base, this.lr_lambdas[i](this.last_epoch)));
  }
}

class StepLR_ extends _LRScheduler {
  constructor(...args: unknown[]) {
    const a = bind("StepLR.__init__", [["optimizer", REQUIRED], ["step_size", REQUIRED], ["gamma", 0.1], ["last_epoch", -1], ["verbose", false]], args);
    super(a.optimizer, a.last_epoch, a.verbose, [["step_size", a.step_size], ["gamma", a.gamma]]);
  }
  override get_lr(): number[] {
    this._warnGetLr();
    if (this.last_epoch === 0 || this.last_epoch % this.step_size !== 0) return this._lrs();
    return this._lrs().map((lr) => mul(lr, this.gamma));
  }
  _get_closed_form_lr(): number[] {
    return this.base_lrs.map((b: number) => mul(b, pow(this.gamma, Math.floor(this.last_epoch / this.step_size))));
  }
}

class MultiStepLR_ extends _LRScheduler {
  constructor(...args: unknown[]) {
    const a = bind("MultiStepLR.__init__", [["optimizer", REQUIRED], ["milestones", REQUIRED], ["gamma", 0.1], ["last_epoch", -1], ["verbose", false]], args);
    super(a.optimizer, a.last_epoch, a.verbose, [["milestones", counter(a.milestones as Iterable<number>)], ["gamma", a.gamma]]);
  }
  override get_lr(): number[] {
    this._warnGetLr();
    const m = this.milestones as Counter<number>;
    if (!m._map.has(this.last_epoch)) return this._lrs();
    return this._lrs().map((lr) => mul(lr, pow(this.gamma, m.__getitem__(this.last_epoch))));
  }
  _get_closed_form_lr(): number[] {
    const ms: number[] = [];
    for (const [k, c] of (this.milestones as Counter<number>)._map) for (let i = 0; i < c; i++) ms.push(k);
    ms.sort((x, y) => x - y);
    const n = ms.filter((x) => x <= this.last_epoch).length; // bisect_right
    return this.base_lrs.map((b: number) => mul(b, pow(this.gamma, n)));
  }
}

class ExponentialLR_ extends _LRScheduler {
  constructor(...args: unknown[]) {
    const a = bind("ExponentialLR.__init__", [["optimizer", REQUIRED], ["gamma", REQUIRED], ["last_epoch", -1], ["verbose", false]], args);
    super(a.optimizer, a.last_epoch, a.verbose, [["gamma", a.gamma]]);
  }
  override get_lr(): number[] {
    this._warnGetLr();
    if (this.last_epoch === 0) return this._lrs();
    return this._lrs().map((lr) => mul(lr, this.gamma));
  }
  _get_closed_form_lr(): number[] {
    return this.base_lrs.map((b: number) => mul(b, pow(this.gamma, this.last_epoch)));
  }
}

class CosineAnnealingLR_ extends _LRScheduler {
  constructor(...args: unknown[]) {
    const a = bind("CosineAnnealingLR.__init__", [["optimizer", REQUIRED], ["T_max", REQUIRED], ["eta_min", 0], ["last_epoch", -1], ["verbose", false]], args);
    super(a.optimizer, a.last_epoch, a.verbose, [["T_max", a.T_max], ["eta_min", a.eta_min]]);
  }
  override get_lr(): number[] {
    this._warnGetLr();
    const e = this.last_epoch, T = Number(this.T_max), eta = Number(this.eta_min);
    const groups = (this.optimizer as Optimizer).param_groups;
    // the operations in Python's order, so the doubles round alike
    if (e === 0) return this._lrs();
    if (this._step_count === 1 && e > 0)
      return this.base_lrs.map((b: number) => asFloat(eta + ((b - eta) * (1 + Math.cos((e * Math.PI) / T))) / 2));
    if ((((e - 1 - T) % (2 * T)) + 2 * T) % (2 * T) === 0)
      return groups.map((g, i) => asFloat(Number(opt(g, "lr")) + ((this.base_lrs[i] - eta) * (1 - Math.cos(Math.PI / T))) / 2));
    return groups.map((g) => asFloat(((1 + Math.cos((Math.PI * e) / T)) / (1 + Math.cos((Math.PI * (e - 1)) / T))) * (Number(opt(g, "lr")) - eta) + eta));
  }
  _get_closed_form_lr(): number[] {
    const e = this.last_epoch, T = Number(this.T_max), eta = Number(this.eta_min);
    return this.base_lrs.map((b: number) => asFloat(eta + ((b - eta) * (1 + Math.cos((Math.PI * e) / T))) / 2));
  }
}

const PLATEAU_SPEC: Spec = [
  ["optimizer", REQUIRED], ["mode", "min"], ["factor", 0.1], ["patience", 10], ["threshold", 1e-4], ["threshold_mode", "rel"],
  ["cooldown", 0], ["min_lr", 0], ["eps", 1e-8], ["verbose", false],
];

class ReduceLROnPlateau_ {
  [key: string]: any;
  constructor(...args: unknown[]) {
    const a = bind("ReduceLROnPlateau.__init__", PLATEAU_SPEC, args);
    if (a.factor >= 1.0) throw new ValueError("Factor should be < 1.0.");
    this.factor = a.factor;
    checkOptimizer(a.optimizer);
    this.optimizer = a.optimizer;
    const n = a.optimizer.param_groups.length;
    if (Array.isArray(a.min_lr)) {
      if (a.min_lr.length !== n) throw new ValueError(`expected ${n} min_lrs, got ${a.min_lr.length}`);
      this.min_lrs = [...a.min_lr];
    } else this.min_lrs = new Array(n).fill(a.min_lr);
    this.patience = a.patience;
    this.verbose = a.verbose;
    this.cooldown = a.cooldown;
    this.cooldown_counter = 0;
    this.mode = a.mode;
    this.threshold = a.threshold;
    this.threshold_mode = a.threshold_mode;
    this.best = null;
    this.num_bad_epochs = null;
    this.mode_worse = null;
    this.eps = a.eps;
    this.last_epoch = 0;
    this._init_is_better(a.mode, a.threshold, a.threshold_mode);
    this._reset();
  }
  _reset(): void {
    this.best = this.mode_worse;
    this.cooldown_counter = 0;
    this.num_bad_epochs = 0;
  }
  step(metrics: unknown, epoch: number | null = null): void {
    const current = pyFloat(metrics);
    if (epoch === null || epoch === undefined) epoch = this.last_epoch + 1;
    else warnings.warn(EPOCH_DEPRECATION_WARNING, UserWarning);
    this.last_epoch = epoch;
    if (this.is_better(current, this.best)) {
      this.best = current;
      this.num_bad_epochs = 0;
    } else this.num_bad_epochs += 1;
    if (this.in_cooldown) {
      this.cooldown_counter -= 1;
      this.num_bad_epochs = 0; // bad epochs in cooldown don't count
    }
    if (this.num_bad_epochs > this.patience) {
      this._reduce_lr(epoch!);
      this.cooldown_counter = this.cooldown;
      this.num_bad_epochs = 0;
    }
    this._last_lr = (this.optimizer as Optimizer).param_groups.map((g) => opt(g, "lr"));
  }
  _reduce_lr(epoch: number): void {
    (this.optimizer as Optimizer).param_groups.forEach((g, i) => {
      const old = pyFloat(opt(g, "lr"));
      const scaled = asFloat(Number(old) * Number(this.factor));
      const newLr = this.min_lrs[i] > scaled ? this.min_lrs[i] : scaled; // Python's max keeps the first on ties
      if (Number(old) - Number(newLr) > this.eps) {
        g._map.set("lr", newLr);
        if (this.verbose) {
          const e = isFloatValue(epoch) ? fmt(epoch, ".2f") : String(Math.trunc(epoch)).padStart(5, "0");
          print(`Epoch ${e}: reducing learning rate of group ${i} to ${fmt(newLr, ".4e")}.`);
        }
      }
    });
  }
  get in_cooldown(): boolean {
    return this.cooldown_counter > 0;
  }
  is_better(a: number, best: number): boolean {
    if (this.mode === "min" && this.threshold_mode === "rel") return a < best * (1 - this.threshold);
    if (this.mode === "min" && this.threshold_mode === "abs") return a < best - this.threshold;
    if (this.mode === "max" && this.threshold_mode === "rel") return a > best * (this.threshold + 1);
    return a > best + this.threshold;
  }
  _init_is_better(mode: string, threshold: number, threshold_mode: string): void {
    if (mode !== "min" && mode !== "max") throw new ValueError(`mode ${mode} is unknown!`);
    if (threshold_mode !== "rel" && threshold_mode !== "abs") throw new ValueError(`threshold mode ${threshold_mode} is unknown!`);
    this.mode_worse = mode === "min" ? Infinity : -Infinity;
    this.mode = mode;
    this.threshold = threshold;
    this.threshold_mode = threshold_mode;
  }
  state_dict(): PyDict<string, any> {
    return new PyDict(Object.entries(this).filter(([k]) => k !== "optimizer"));
  }
  load_state_dict(state_dict: unknown): void {
    for (const [k, v] of dentries(state_dict)) this[k] = v;
    this._init_is_better(this.mode, this.threshold, this.threshold_mode);
  }
}

for (const [cls, name] of [
  [LambdaLR_, "LambdaLR"], [StepLR_, "StepLR"], [MultiStepLR_, "MultiStepLR"], [ExponentialLR_, "ExponentialLR"],
  [CosineAnnealingLR_, "CosineAnnealingLR"], [ReduceLROnPlateau_, "ReduceLROnPlateau"],
] as const)
  Object.defineProperty(cls, "name", { value: name });

export const LambdaLR = pyclass(LambdaLR_);
export const StepLR = pyclass(StepLR_);
export const MultiStepLR = pyclass(MultiStepLR_);
export const ExponentialLR = pyclass(ExponentialLR_);
export const CosineAnnealingLR = pyclass(CosineAnnealingLR_);
export const ReduceLROnPlateau = pyclass(ReduceLROnPlateau_);
export type LambdaLR = LambdaLR_;
export type StepLR = StepLR_;
export type MultiStepLR = MultiStepLR_;
export type ExponentialLR = ExponentialLR_;
export type CosineAnnealingLR = CosineAnnealingLR_;
export type ReduceLROnPlateau = ReduceLROnPlateau_;
export { Counter, PyTuple };

const lr_scheduler = {
  _LRScheduler, LambdaLR, StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR, ReduceLROnPlateau,
};
export default lr_scheduler;
