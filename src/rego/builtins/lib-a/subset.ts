// object.subset (v1/topdown/subset.go): recursive for objects, containment for sets,
// contiguous sub-sequence for arrays, unordered containment for an array and a set.
import { compare, equals, RObject, RSet, type Value } from '../../value/types.js';
import { TypeErrorText } from '../types.js';

function objectSubset(sup: RObject, sub: RObject): boolean {
  for (const [key, subValue] of sub.entries()) {
    const supValue = sup.get(key);
    if (supValue === undefined) return false;
    if (equals(subValue, supValue)) continue;
    if (supValue instanceof RObject && subValue instanceof RObject) {
      if (!objectSubset(supValue, subValue)) return false;
    } else if (supValue instanceof RSet && subValue instanceof RSet) {
      if (!setSubset(supValue, subValue)) return false;
    } else if (Array.isArray(supValue) && Array.isArray(subValue)) {
      if (!arraySubset(supValue, subValue)) return false;
    } else return false;
  }
  return true;
}

function setSubset(sup: RSet, sub: RSet): boolean {
  return sub.values().every((v) => sup.has(v));
}

function arraySubset(sup: Value[], sub: Value[]): boolean {
  if (sub.length > sup.length) return false;
  let start = 0;
  let i = 0;
  for (;;) {
    if (i === sub.length) return true;
    if (start + i === sup.length) return false;
    if (compare(sup[start + i]!, sub[i]!) === 0) i++;
    else {
      start++;
      i = 0;
    }
  }
}

function arraySetSubset(sup: Value[], sub: RSet): boolean {
  // OPA's loop stops at the first element once nothing is unmatched, so an empty array never matches.
  let unmatched = sub.size;
  for (const v of sup) {
    if (sub.has(v)) unmatched--;
    if (unmatched === 0) return true;
  }
  return false;
}

export function objectSubsetBuiltin([sup, sub]: Value[]): Value {
  const a = sup ?? null;
  const b = sub ?? null;
  if (a instanceof RObject && b instanceof RObject) return objectSubset(a, b);
  if (a instanceof RSet && b instanceof RSet) return setSubset(a, b);
  if (Array.isArray(a) && Array.isArray(b)) return arraySubset(a, b);
  if (Array.isArray(a) && b instanceof RSet) return arraySetSubset(a, b);
  throw new TypeErrorText('both arguments object.subset must be of the same type or array and set');
}
