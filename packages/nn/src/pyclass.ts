// Library classes as Python classes: callable with or without `new` (`nn.MSELoss()` and
// `new nn.MSELoss()`), `__name__` as Python's, and `type(instance)` giving the exported class.

import { inDialect, type Dialect } from "@tsgrad/core";

/** A class that may also be called as a function (Python instantiates by calling). */
export type PyClass<C extends abstract new (...a: any) => any> = C & ((...args: ConstructorParameters<C>) => InstanceType<C>);

/** The callable form of `cls`; its instances report this as their constructor. */
export function pyclass<C extends abstract new (...a: any) => any>(cls: C, name: string): PyClass<C> {
  // `name` (not an own `__name__`, which subclasses would inherit) so user subclasses keep theirs
  Object.defineProperty(cls, "name", { value: name, configurable: true });
  // `<class 'torch.nn.modules.linear.Linear'>`; a program's own subclass prints as `__main__.Net`
  Object.defineProperty(cls, "__module__", { value: nnModuleOf(name), writable: true, configurable: true });
  const wrapped = new Proxy(cls, {
    apply(target, _self, args) {
      return Reflect.construct(target as any, args);
    },
  });
  Object.defineProperty(cls.prototype, "constructor", { value: wrapped, writable: true, configurable: true, enumerable: false });
  return wrapped as PyClass<C>;
}

/** Where a dialect's variant of a class is recorded on its instances (see Module's get trap). */
export const DIALECT_CLASS = Symbol("tsgrad.dialectClass");

/**
 * The same class as seen from another dialect (`flow.nn.Linear`): instances are made with that
 * dialect current, so the tensors they create carry it, and `type(m)` is this variant.
 */
export function dialectClass<C extends abstract new (...a: any) => any>(cls: C, dialect: Dialect): PyClass<C> {
  const make = inDialect(dialect, (target: any, args: unknown[], newTarget: any) => Reflect.construct(target, args, newTarget));
  const variant: any = new Proxy(cls, {
    apply(target, _self, args) {
      const obj = make(target, args, target);
      tag(obj, variant);
      return obj;
    },
    construct(target, args, newTarget) {
      const own = newTarget === variant;
      const obj = make(target, args, own ? target : newTarget);
      if (own) tag(obj, variant);
      return obj;
    },
  });
  return variant;
}

function tag(obj: any, variant: unknown): void {
  if (obj !== null && (typeof obj === "object" || typeof obj === "function") && typeof obj._setClass === "function") obj._setClass(variant);
}

/** The torch.nn source module that defines a class, as Python's `cls.__module__` shows it. */
export function nnModuleOf(name: string): string {
  if (name === "Parameter") return "torch.nn.parameter";
  if (name === "Module") return "torch.nn.modules.module";
  if (/Loss$/.test(name)) return "torch.nn.modules.loss";
  if (/^(Sequential|ModuleList|ModuleDict|ParameterList|ParameterDict)$/.test(name)) return "torch.nn.modules.container";
  if (/^(Linear|Bilinear|Identity|LazyLinear)$/.test(name)) return "torch.nn.modules.linear";
  if (/^(Conv|ConvTranspose)\dd$/.test(name)) return "torch.nn.modules.conv";
  if (/Pool\dd$/.test(name)) return "torch.nn.modules.pooling";
  if (/^BatchNorm\dd$/.test(name)) return "torch.nn.modules.batchnorm";
  if (/^InstanceNorm\dd$/.test(name)) return "torch.nn.modules.instancenorm";
  if (/^(LayerNorm|GroupNorm|LocalResponseNorm)$/.test(name)) return "torch.nn.modules.normalization";
  if (/Dropout/.test(name)) return "torch.nn.modules.dropout";
  if (/^(CosineSimilarity|PairwiseDistance)$/.test(name)) return "torch.nn.modules.distance";
  if (/^(Flatten|Unflatten)$/.test(name)) return "torch.nn.modules.flatten";
  if (/^(RNN|LSTM|GRU)(Cell)?$/.test(name) || name === "RNNBase") return "torch.nn.modules.rnn";
  if (/^Embedding(Bag)?$/.test(name)) return "torch.nn.modules.sparse";
  if (/Pad\dd$/.test(name)) return "torch.nn.modules.padding";
  if (/^(Upsample|UpsamplingNearest2d|UpsamplingBilinear2d)$/.test(name)) return "torch.nn.modules.upsampling";
  if (/^Transformer/.test(name)) return "torch.nn.modules.transformer";
  return "torch.nn.modules.activation";
}
