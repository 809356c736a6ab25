// Python prints objects as `<X object at 0x7f...>`. Addresses mean nothing here, so each
// object gets a stable fake one, unique for its lifetime, in CPython's usual range.
const ids = new WeakMap<object, number>();
let next = 0x7f3a1c000000 + 0x5e0;

export function objectAddress(o: object): string {
  let a = ids.get(o);
  if (a === undefined) {
    a = next;
    next += 0x40;
    ids.set(o, a);
  }
  return "0x" + a.toString(16);
}
