// What a prototype-pollution check compares: every own property of the prototypes all
// objects share, taken before the fuzzing and again after it. A file that reached one of
// them (a key planted through `__proto__` or `constructor.prototype`) shows up as a change.

const SHARED: Record<string, object> = {
  'Object.prototype': Object.prototype,
  'Array.prototype': Array.prototype,
  'Function.prototype': Function.prototype,
  'String.prototype': String.prototype,
  'Number.prototype': Number.prototype,
  'Boolean.prototype': Boolean.prototype,
};

export type PrototypeSnapshot = Map<string, PropertyDescriptor>;

export function snapshotPrototypes(): PrototypeSnapshot {
  const out: PrototypeSnapshot = new Map();
  for (const [name, proto] of Object.entries(SHARED)) {
    for (const key of Reflect.ownKeys(proto)) out.set(`${name}.${String(key)}`, Object.getOwnPropertyDescriptor(proto, key)!);
  }
  return out;
}

/** The properties added, removed or replaced since `before` (empty when nothing changed). */
export function prototypeChanges(before: PrototypeSnapshot): string[] {
  const after = snapshotPrototypes();
  const changes: string[] = [];
  for (const [key, d] of after) {
    const b = before.get(key);
    if (!b) changes.push(`added ${key}`);
    else if (b.value !== d.value || b.get !== d.get || b.set !== d.set) changes.push(`replaced ${key}`);
  }
  for (const key of before.keys()) if (!after.has(key)) changes.push(`removed ${key}`);
  return changes;
}
