// rego.metadata.rule() / rego.metadata.chain(): the active rule's METADATA, and the chain from
// the rule out through its document and packages, in OPA's shape.
import type { Annotations } from '../ast/types.js';
import type { CompiledRule, RuleNode } from '../compiler/tree.js';
import { fromJS, RObject, type Value } from '../value/types.js';
import { setMetadataFactory } from './calls.js';
import type { Evaluator } from './evaluator.js';

/** Annotations as the JSON object OPA returns (no location, no target path). */
export function annotationsValue(a: Annotations): Value {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a)) {
    if (k === 'loc' || k === 'targetPath' || v === undefined) continue;
    out[k] = v;
  }
  return fromJS(out);
}

function ruleScoped(r: CompiledRule): Annotations | undefined {
  return r.rule.annotations?.find((a) => a.scope === 'rule');
}

function documentScoped(node: RuleNode): Annotations | undefined {
  for (const r of [...node.rules, ...node.defaults]) {
    const a = r.rule.annotations?.find((x) => x.scope === 'document');
    if (a) return a;
  }
  return undefined;
}

function entry(path: string[], a: Annotations | undefined): Value {
  const o = new RObject();
  o.set('path', path);
  if (a) o.set('annotations', annotationsValue(a));
  return o;
}

function chainOf(ev: Evaluator, r: CompiledRule): Value {
  const out: Value[] = [];
  const node = r.node;
  out.push(entry(node.path, ruleScoped(r)));
  const doc = documentScoped(node);
  if (doc) out.push(entry(node.path, doc));
  // Packages from the rule's own package outwards.
  const pkgLen = r.module.package.path.length - 1;
  for (let n = pkgLen; n >= 1; n--) {
    const prefix = node.path.slice(0, n);
    for (const m of ev.compiled.modules) {
      const keys = m.package.path.slice(1).map((t) => (t.type === 'string' ? t.value : ''));
      if (keys.length !== prefix.length || keys.some((k, i) => k !== prefix[i])) continue;
      const a = m.package.annotations?.find((x) => (n === pkgLen ? x.scope === 'package' || x.scope === 'subpackages' : x.scope === 'subpackages'));
      if (a) {
        out.push(entry(prefix, a));
        break;
      }
    }
  }
  return out;
}

setMetadataFactory((ev: Evaluator) => ({
  rule(): Value {
    const r = ev.ruleStack[ev.ruleStack.length - 1];
    if (!r) return new RObject();
    const a = ruleScoped(r) ?? documentScoped(r.node);
    return a ? annotationsValue(a) : new RObject();
  },
  chain(): Value {
    const r = ev.ruleStack[ev.ruleStack.length - 1];
    return r ? chainOf(ev, r) : [];
  },
}));
