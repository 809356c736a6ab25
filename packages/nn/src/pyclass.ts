// Library classes as Python classes: callable with or without `new` (`nn.MSELoss()` and
// `new nn.MSELoss()`), `__name__` as Python's, and `type(instance)` giving the exported class.

import { inDialect, type Dialect } from "@tsgrad/core";

/** A class that may also be called as a function (Python instantiates by calling). */
export type PyClass<C extends abstract new (...a: any) => any> = C & ((...args: ConstructorParameters<C>) => InstanceType<C>);

/** The callable form of `cls`; its instances report this as their constructor. */
export function pyclass<C extends abstract new (...a: any) => any>(cls: C, name: string): PyClass<C> {
  // `name` (not an own `__name__`, which subclasses would inherit) so user subclasses keep theirs
  Object.defineProperty(cls, "name", { value: name, configurable: true });
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
