// GitHub workflow and action files are validated with action-validator (the project's workflows, the
// composite action, and every workflow example in docs/*.md), so a documented example cannot rot.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..', '..');
const dir = join(root, '.github', 'workflows');
const docs = join(root, 'docs');
const validator = join(root, 'node_modules', '.bin', 'action-validator');

interface ValidationState {
  actionType: 'action' | 'workflow';
  errors: unknown[];
}
const core = createRequire(import.meta.url)('@action-validator/core') as {
  validateAction(src: string): ValidationState;
  validateWorkflow(src: string): ValidationState;
};

/** The ```yaml blocks of a Markdown file, with the line each starts on. */
function yamlBlocks(markdown: string): { line: number; text: string }[] {
  const blocks: { line: number; text: string }[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ya?ml\s*$/.test(lines[i]!)) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end]!)) end++;
    blocks.push({ line: start + 1, text: lines.slice(start, end).join('\n') });
    i = end;
  }
  return blocks;
}

type Kind = 'workflow' | 'fragment' | 'action' | 'other';

/** A block with `jobs` is a workflow (a fragment when it has no `on`), one with `runs` an action. */
function kindOf(text: string): Kind {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return 'other';
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return 'other';
  const keys = Object.keys(doc);
  if (keys.includes('jobs')) return keys.includes('on') ? 'workflow' : 'fragment';
  if (keys.includes('runs')) return 'action';
  return 'other';
}

describe('GitHub workflows', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yml'))) {
    it(`${file} is a valid workflow`, () => {
      const r = spawnSync(validator, [join(dir, file)], { encoding: 'utf8' });
      expect(r.stdout + r.stderr).toBe('');
      expect(r.status).toBe(0);
    });
  }
});

describe('composite action (action.yml)', () => {
  const file = join(root, 'action.yml');
  const text = readFileSync(file, 'utf8');

  it('is a valid action for action-validator, CLI and library', () => {
    const r = spawnSync(validator, [file], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(core.validateAction(text)).toEqual({ actionType: 'action', errors: [] });
  });

  it('uploads with upload-sarif@v4 without overriding the categories keywarden writes, and passes inputs only through env', () => {
    const action = parse(text) as { inputs: Record<string, unknown>; runs: { using: string; steps: { uses?: string; with?: Record<string, string>; run?: string; shell?: string }[] } };
    expect(action.runs.using).toBe('composite');
    const upload = action.runs.steps.filter((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
    expect(upload.map((s) => s.uses)).toEqual(['github/codeql-action/upload-sarif@v4']);
    expect(upload[0]!.with).not.toHaveProperty('category');
    for (const input of ['providers', 'aws-regions', 'azure-subscriptions', 'gcp-projects', 'fail-on', 'category', 'args', 'upload-sarif']) expect(action.inputs).toHaveProperty(input);
    for (const s of action.runs.steps.filter((x) => x.run)) {
      expect(s.shell).toBe('bash');
      // `${{ inputs.x }}` pasted into a script is a shell-injection hole; inputs go through env.
      expect(s.run).not.toMatch(/\$\{\{/);
    }
    expect(text).toContain('--sarif-category "$category"');
    expect(text).toContain('>> "$GITHUB_STEP_SUMMARY"');
  });
});

describe('workflow examples in docs/', () => {
  const files = existsSync(docs) ? readdirSync(docs).filter((f) => f.endsWith('.md')).sort() : [];
  const examples = files.flatMap((f) => yamlBlocks(readFileSync(join(docs, f), 'utf8')).map((b) => ({ file: f, ...b, kind: kindOf(b.text) })));

  it('docs/github-actions.md has scheduled workflows signing in to AWS, Azure and Google Cloud with OIDC', () => {
    const ours = examples.filter((e) => e.file === 'github-actions.md' && e.kind === 'workflow');
    expect(ours.length).toBeGreaterThanOrEqual(3);
    const all = ours.map((e) => e.text).join('\n');
    for (const action of ['aws-actions/configure-aws-credentials@', 'azure/login@', 'google-github-actions/auth@', 'keywarden/keywarden@', 'github/codeql-action/upload-sarif@v4']) expect(all).toContain(action);
    expect(all).toMatch(/schedule:\n\s+- cron:/);
    expect(all).toContain('id-token: write');
  });

  for (const e of examples.filter((x) => x.kind !== 'other')) {
    it(`${e.file}:${e.line} is a valid ${e.kind}`, () => {
      const state =
        e.kind === 'action' ? core.validateAction(e.text) : core.validateWorkflow(e.kind === 'fragment' ? `on: workflow_dispatch\n${e.text}` : e.text);
      expect(state.errors).toEqual([]);
    });
  }

  it('rejects a broken workflow (the validator really checks)', () => {
    expect(core.validateWorkflow('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: x/y@v1\n        runs: oops\n').errors.length).toBeGreaterThan(0);
  });
});
