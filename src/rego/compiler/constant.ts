// Constant folding of ground literal terms, so that evaluation does not rebuild them every time.
import type { Term } from '../ast/types.js';
import { RObject, RSet, type Value } from '../value/types.js';

/** The value of a term made only of literals, or undefined when it has vars, refs or calls. */
export function constantValue(t: Term): Value | undefined {
  switch (t.type) {
    case 'null':
      return null;
    case 'boolean':
      return t.value;
    case 'number':
      return t.value;
    case 'string':
      return t.value;
    case 'array': {
      const out: Value[] = [];
      for (const x of t.items) {
        const v = constantValue(x);
        if (v === undefined) return undefined;
        out.push(v);
      }
      return out;
    }
    case 'set': {
      const s = new RSet();
      for (const x of t.items) {
        const v = constantValue(x);
        if (v === undefined) return undefined;
        s.add(v);
      }
      return s;
    }
    case 'object': {
      const o = new RObject();
      for (const [k, x] of t.items) {
        const kv = constantValue(k);
        const vv = constantValue(x);
        if (kv === undefined || vv === undefined) return undefined;
        o.set(kv, vv);
      }
      return o;
    }
    default:
      return undefined;
  }
}
