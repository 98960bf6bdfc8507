import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBundle, untar } from '../../../src/policy/bundle.js';
import { entrypointOf, loadWasmBundle } from '../../../src/policy/wasm.js';

function makeTarGz(files: Record<string, string>): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'kw-bundle-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const out = join(dir, '..', `${dir.split('/').pop()}.tar.gz`);
  execFileSync('tar', ['-czf', out, '-C', dir, ...Object.keys(files)]);
  return readFileSync(out);
}

describe('OPA bundle reader', () => {
  it('reads data, manifest and rego sources from a gzipped tar, including long paths', () => {
    const long = `${'deep/'.repeat(30)}x.rego`;
    const tgz = makeTarGz({
      'data.json': '{"a": {"b": 1}}',
      '.manifest': '{"revision": "r1"}',
      'policies/p.rego': 'package p\n',
      [long]: 'package x\n',
    });
    const bundle = readBundle(tgz);
    expect(bundle.data).toEqual({ a: { b: 1 } });
    expect(bundle.manifest).toEqual({ revision: 'r1' });
    expect(Object.keys(bundle.modules).sort()).toEqual([long, 'policies/p.rego'].sort());
    expect(bundle.wasm).toBeUndefined();
  });

  it('refuses a truncated archive', () => {
    const tgz = makeTarGz({ 'data.json': JSON.stringify({ big: 'x'.repeat(5000) }) });
    const files = untar(tgz);
    expect(files.get('data.json')?.length).toBeGreaterThan(5000);
    const raw = execFileSync('gzip', ['-dc'], { input: tgz });
    expect(() => untar(raw.subarray(0, 1500))).toThrow(/truncated/);
  });
});

describe('wasm backend', () => {
  it('maps queries to entrypoints and refuses other queries', () => {
    expect(entrypointOf('data.keywarden.deny')).toBe('keywarden/deny');
    expect(entrypointOf('keywarden/deny')).toBe('keywarden/deny');
    expect(() => entrypointOf('x := data.a')).toThrow(/entrypoints only/);
  });

  it('refuses a bundle without policy.wasm with a hint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-wasm-'));
    const path = join(dir, 'bundle.tar.gz');
    writeFileSync(path, makeTarGz({ 'data.json': '{}' }));
    await expect(loadWasmBundle(path)).rejects.toThrow(/no policy.wasm.*opa build -t wasm/);
  });

  const hasOpa = spawnSync('opa', ['version']).status === 0;
  it.skipIf(!hasOpa)(
    `evaluates a bundle built by opa build -t wasm${hasOpa ? '' : ' (SKIPPED: the opa binary is not on the PATH, so no wasm bundle can be built)'}`,
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kw-opa-'));
      writeFileSync(join(dir, 'p.rego'), 'package keywarden\n\ndeny contains k if {\n\tsome k in input.keys\n\tk != "ok"\n}\n');
      execFileSync('opa', ['build', '-t', 'wasm', '-e', 'keywarden/deny', '-o', join(dir, 'bundle.tar.gz'), join(dir, 'p.rego')]);
      const policy = await loadWasmBundle(join(dir, 'bundle.tar.gz'));
      expect(policy.evaluate('data.keywarden.deny', { keys: ['ok', 'bad'] })).toEqual([{ value: ['bad'] }]);
    },
  );
});
