// QuerySession: queries over one input share function results and rule values; another input,
// clock or strictness starts over. A counting builtin shows how often a function body really ran.
import { describe, expect, it } from 'vitest';
import { QuerySession, compile } from '../../../../src/rego/index.js';
import type { BuiltinDecl } from '../../../../src/rego/builtins/types.js';

function counter(): { decl: BuiltinDecl; calls: () => number } {
  let n = 0;
  const decl: BuiltinDecl = {
    name: 'test.count',
    category: 'test',
    args: [{ name: 'x', type: { kind: 'any' } }],
    result: { name: 'result', type: { kind: 'any' } },
    impl: ([x]) => {
      n++;
      return x ?? null;
    },
  };
  return { decl, calls: () => n };
}

const SOURCE = `package p
import rego.v1

# A library function called by two rules with each input key (a composite argument).
owner(k) := test.count(k.tags.owner)

pair(k, name) := concat("/", [test.count(name), k.id])

a contains owner(k) if some k in input.keys

b contains owner(k) if {
	some k in input.keys
	owner(k) != "nobody"
}

c contains pair(k, "x") if some k in input.keys

d contains pair(k, "x") if some k in input.keys
`;

const input = { keys: [{ id: 'k1', tags: { owner: 'ann' } }, { id: 'k2', tags: { owner: 'bob' } }] };

async function setup() {
  const count = counter();
  const policy = await compile({ modules: { 'p.rego': SOURCE }, builtins: [count.decl] });
  return { policy, calls: count.calls };
}

describe('QuerySession', () => {
  it('computes a function once per key across the rules of one session', async () => {
    const { policy, calls } = await setup();
    const session = new QuerySession();
    expect(await policy.query('x = data.p.a', { input, session })).toEqual([{ x: ['ann', 'bob'] }]);
    expect(calls()).toBe(2);
    expect(await policy.query('x = data.p.b', { input, session })).toEqual([{ x: ['ann', 'bob'] }]);
    expect(calls()).toBe(2); // owner(k) came from the session's memo: same key objects
  });

  it('memoises calls with several arguments, composite ones by identity', async () => {
    const { policy, calls } = await setup();
    const session = new QuerySession();
    expect(await policy.query('x = data.p.c', { input, session })).toEqual([{ x: ['x/k1', 'x/k2'] }]);
    expect(await policy.query('x = data.p.d', { input, session })).toEqual([{ x: ['x/k1', 'x/k2'] }]);
    expect(calls()).toBe(2);
  });

  it('does not share between queries without a session', async () => {
    const { policy, calls } = await setup();
    await policy.query('x = data.p.a', { input });
    await policy.query('x = data.p.b', { input });
    expect(calls()).toBe(4);
  });

  it('starts over for another input, clock or strictness, so results stay right', async () => {
    const { policy, calls } = await setup();
    const session = new QuerySession();
    await policy.query('x = data.p.a', { input, session });
    const other = { keys: [{ id: 'k3', tags: { owner: 'cat' } }] };
    expect(await policy.query('x = data.p.a', { input: other, session })).toEqual([{ x: ['cat'] }]);
    expect(calls()).toBe(3);
    await policy.query('x = data.p.a', { input: other, session, now: new Date('2030-01-01T00:00:00Z') });
    expect(calls()).toBe(4);
    await policy.query('x = data.p.a', { input: other, session, now: new Date('2030-01-01T00:00:00Z'), strictBuiltinErrors: true });
    expect(calls()).toBe(5);
    session.clear();
    expect(session.state).toBeUndefined();
  });

  it('keeps `with` overrides out of the shared memo', async () => {
    const { policy } = await setup();
    const session = new QuerySession();
    await policy.query('x = data.p.a', { input, session });
    const replaced = { keys: [{ id: 'k9', tags: { owner: 'zed' } }] };
    const rows = await policy.query(`x = data.p.a with input as ${JSON.stringify(replaced)}`, { input, session });
    expect(rows).toEqual([{ x: ['zed'] }]);
    expect(await policy.query('x = data.p.a', { input, session })).toEqual([{ x: ['ann', 'bob'] }]);
  });
});
