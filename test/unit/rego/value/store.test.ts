// Sets and objects keyed by composite values: entries whose structural hashes collide must stay
// distinct, be found, replaced and removed independently.
import { describe, expect, it } from 'vitest';
import { RObject, RSet, fromJS, toJS } from '../../../../src/rego/value/types.js';

// Two different objects with the same 32-bit structural hash (found by search).
const A = (): RObject => fromJS({ a: 'x90939', b: [90939] }) as RObject;
const B = (): RObject => fromJS({ a: 'x117214', b: [117214] }) as RObject;

describe('composite keys with colliding hashes', () => {
  it('the fixture really collides', () => {
    expect(A().hash()).toBe(B().hash());
  });

  it('a set keeps both, finds each, and removes either first', () => {
    for (const firstGone of ['A', 'B']) {
      const s = new RSet();
      s.add(A());
      s.add(B());
      s.add(A());
      expect(s.size).toBe(2);
      expect(s.has(A()) && s.has(B())).toBe(true);
      s.delete(firstGone === 'A' ? A() : B());
      expect(s.size).toBe(1);
      expect(s.has(A())).toBe(firstGone !== 'A');
      expect(s.has(B())).toBe(firstGone === 'A');
      s.add(firstGone === 'A' ? A() : B());
      expect(s.size).toBe(2);
      expect(toJS(s)).toEqual([toJS(B()), toJS(A())]);
    }
  });

  it('an object replaces the value of a colliding key only', () => {
    const o = new RObject();
    o.set(A(), 1);
    o.set(B(), 2);
    o.set(B(), 3);
    expect(o.size).toBe(2);
    expect(o.get(A())).toBe(1);
    expect(o.get(B())).toBe(3);
    const c = o.clone();
    c.delete(A());
    expect(c.get(B())).toBe(3);
    expect(c.size).toBe(1);
    expect(o.size).toBe(2);
  });

  it('sorts all-string sets by code unit, as compare does', () => {
    const s = RSet.from(['b', '\uffff', 'a', 'B', '\u{1F600}', '\u00e9', 'ab', '']);
    expect(s.values()).toEqual(['', 'B', 'a', 'ab', 'b', '\u00e9', '\u{1F600}', '\uffff']);
    expect(RSet.from(['b', 1, 'a']).values()).toEqual([1, 'a', 'b']);
  });
});
