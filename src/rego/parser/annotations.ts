// METADATA annotations: `# METADATA` comment blocks holding YAML (OPA's parser.go metadataParser
// and annotations.go attach rules). A block is the `# METADATA` comment and the comments on the
// following lines that start at column 1.
import { parseDocument } from 'yaml';
import type { AnnotationScope, Annotations, Location, Package, Rule } from '../ast/types.js';
import { groundPrefix, pathElement } from '../ast/util.js';
import type { LexComment } from '../lexer/lexer.js';
import { RegoError } from '../errors.js';
import type { Statement } from './statements.js';

const SCOPES: readonly string[] = ['rule', 'document', 'package', 'subpackages'];

interface Block {
  loc: Location;
  comments: LexComment[];
}

function findBlocks(comments: LexComment[], file: string): Block[] {
  const blocks: Block[] = [];
  let curr: Block | undefined;
  let prev: LexComment | undefined;
  for (const c of comments) {
    if (curr && prev && c.row === prev.row + 1 && c.col === 1) {
      curr.comments.push(c);
      prev = c;
      continue;
    }
    curr = undefined;
    if (c.text.trim().startsWith('METADATA')) {
      curr = { loc: { file, row: c.row, col: c.col }, comments: [] };
      blocks.push(curr);
    }
    prev = c;
  }
  return blocks;
}

/** An annotation before attachment: scope may still be unknown. */
interface RawAnnotations extends Omit<Annotations, 'scope'> {
  scope?: string;
}

function parseBlock(block: Block): RawAnnotations {
  const lines = block.comments.map((c) => (c.text.startsWith(' ') ? c.text.slice(1) : c.text));
  const text = lines.join('\n') + '\n';
  if (text.trim() === '') throw new BlockError('expected METADATA block, found whitespace', block.loc);
  const doc = parseDocument(text, { uniqueKeys: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = yamlError.linePos?.[0].line ?? 0;
    const at = block.comments[Math.min(line, block.comments.length) - 1] ?? block.comments[0];
    const loc = at ? { file: block.loc.file, row: at.row, col: at.col } : block.loc;
    throw new BlockError(`yaml: line ${line}: ${yamlError.message.split('\n')[0]}`, loc);
  }
  const raw: unknown = doc.toJS();
  const out: RawAnnotations = { loc: { ...block.loc, text: ['# METADATA', ...lines.map((l) => '# ' + l)].join('\n') } };
  if (raw === null || raw === undefined) return out;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new BlockError('yaml: unmarshal errors: expected a mapping', block.loc);
  const r = raw as Record<string, unknown>;
  const str = (key: string): string | undefined => {
    const v = r[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
    throw new BlockError(`yaml: unmarshal errors: cannot unmarshal ${key} into string`, block.loc);
  };
  const scope = str('scope');
  if (scope) out.scope = scope;
  const title = str('title');
  if (title !== undefined) out.title = title;
  const description = str('description');
  if (description !== undefined) out.description = description;
  if (r.entrypoint === true) out.entrypoint = true;
  if (Array.isArray(r.organizations)) out.organizations = r.organizations.map(String);
  if (Array.isArray(r.related_resources)) out.related_resources = r.related_resources.map((x) => relatedResource(x, block.loc));
  if (Array.isArray(r.authors)) out.authors = r.authors.map((x) => author(x, block.loc));
  if (Array.isArray(r.schemas)) out.schemas = r.schemas.map((x) => schema(x, block.loc));
  if (r.custom && typeof r.custom === 'object' && !Array.isArray(r.custom) && Object.keys(r.custom).length > 0) {
    out.custom = r.custom as Record<string, unknown>;
  }
  return out;
}

class BlockError extends Error {
  constructor(
    message: string,
    readonly loc: Location,
  ) {
    super(message);
  }
}

function show(x: unknown): string {
  return typeof x === 'string' ? x : JSON.stringify(x);
}

function relatedResource(x: unknown, loc: Location): { ref: string; description?: string } {
  if (typeof x === 'string') {
    if (x.length === 0) throw new BlockError(`invalid related-resource definition ${x}: ref URL may not be empty string`, loc);
    return { ref: x };
  }
  if (x && typeof x === 'object' && !Array.isArray(x)) {
    const o = x as Record<string, unknown>;
    const ref = typeof o.ref === 'string' ? o.ref.trim() : '';
    if (!ref) throw new BlockError(`invalid related-resource definition ${show(x)}: 'ref' value required in object`, loc);
    const description = typeof o.description === 'string' ? o.description.trim() : '';
    return description ? { ref, description } : { ref };
  }
  throw new BlockError(`invalid related-resource definition ${show(x)}: invalid value type, must be string or map`, loc);
}

function author(x: unknown, loc: Location): { name?: string; email?: string } {
  if (typeof x === 'string') {
    const parts = x.trim().split(/\s+/).filter((p) => p.length > 0);
    if (parts.length === 0) throw new BlockError(`invalid author definition ${x}: author is an empty string`, loc);
    const last = parts[parts.length - 1]!;
    let email = '';
    if (last.length >= 2 && last.startsWith('<') && last.endsWith('>')) {
      email = last.slice(1, -1);
      parts.pop();
    }
    const name = parts.join(' ');
    const a: { name?: string; email?: string } = {};
    if (name) a.name = name;
    if (email) a.email = email;
    return a;
  }
  if (x && typeof x === 'object' && !Array.isArray(x)) {
    const o = x as Record<string, unknown>;
    const name = typeof o.name === 'string' ? o.name.trim() : '';
    const email = typeof o.email === 'string' ? o.email.trim() : '';
    if (!name && !email) throw new BlockError(`invalid author definition ${show(x)}: 'name' and/or 'email' values required in object`, loc);
    const a: { name?: string; email?: string } = {};
    if (name) a.name = name;
    if (email) a.email = email;
    return a;
  }
  throw new BlockError(`invalid author definition ${show(x)}: invalid value type, must be string or map`, loc);
}

/** A dotted reference such as `input.x["y"]` as its elements; undefined when it is not one. */
function refElements(text: string): string[] | undefined {
  const out: string[] = [];
  const re = /^(?:([A-Za-z_][A-Za-z0-9_]*)|\.([A-Za-z_][A-Za-z0-9_]*)|\["((?:[^"\\]|\\.)*)"\])/;
  let rest = text.trim();
  let first = true;
  while (rest.length > 0) {
    const m = re.exec(rest);
    if (!m || (first && m[1] === undefined) || (!first && m[1] !== undefined)) return undefined;
    out.push(m[1] ?? m[2] ?? (JSON.parse(`"${m[3]}"`) as string));
    rest = rest.slice(m[0].length);
    first = false;
  }
  return out.length > 0 ? out : undefined;
}

function schema(x: unknown, loc: Location): { path: string[]; schema?: unknown; definition?: unknown } {
  if (!x || typeof x !== 'object' || Array.isArray(x)) throw new BlockError('invalid schema declaration', loc);
  const [key, value] = Object.entries(x as Record<string, unknown>)[0] ?? ['', undefined];
  const path = refElements(key);
  if (!path) throw new BlockError('invalid document reference', loc);
  if (typeof value === 'string') {
    const ref = refElements(value);
    if (!ref || ref[0] !== 'schema') throw new BlockError('invalid schema reference', loc);
    return { path, schema: ref };
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) return { path, definition: value };
  throw new BlockError(`invalid schema declaration for path "${key}"`, loc);
}

/** The path of a rule's ground ref prefix, as text elements, relative to `data`. */
function rulePath(pkg: Package | undefined, rule: Rule): string[] {
  const pkgPath = pkg ? pkg.path.slice(1).map(pathElement) : [];
  return [...pkgPath, ...groundPrefix(rule.head.ref).map(pathElement)];
}

/** Identifies a rule's ground ref prefix (the path its annotations target). */
function prefixKey(rule: Rule): string {
  return groundPrefix(rule.head.ref)
    .map((t) => `${t.type}:${pathElement(t)}`)
    .join('\u0000');
}

/** Parses every METADATA block and attaches it as OPA does; returns all blocks in source order. */
export function processAnnotations(
  comments: LexComment[],
  statements: Statement[],
  pkg: Package | undefined,
  rules: Rule[],
  file: string,
): { annotations: Annotations[]; errors: RegoError[] } {
  const errors: RegoError[] = [];
  const annotations: Annotations[] = [];
  const nodes = new Map<Annotations, Statement>();
  let next = 0;
  for (const block of findBlocks(comments, file)) {
    let raw: RawAnnotations;
    try {
      raw = parseBlock(block);
    } catch (e) {
      const be = e as BlockError;
      errors.push(new RegoError('rego_parse_error', be.message, be.loc ?? block.loc));
      continue;
    }
    // Blocks and statements are both in source order: the node is the first statement below.
    while (next < statements.length && statements[next]!.loc.row <= block.loc.row) next++;
    const node = statements[next];
    let scope = raw.scope;
    if (!scope && node) {
      if (node.kind === 'rule') scope = raw.entrypoint ? 'document' : 'rule';
      else if (node.kind === 'package') scope = 'package';
      else scope = 'import';
    }
    const err = scopeError(scope ?? '', node, raw.entrypoint === true);
    if (err) {
      errors.push(new RegoError('rego_parse_error', err, block.loc));
      continue;
    }
    const a: Annotations = { ...raw, scope: scope as AnnotationScope };
    if (node?.kind === 'package') a.targetPath = node.node.path.slice(1).map(pathElement);
    if (node?.kind === 'rule') a.targetPath = rulePath(pkg, node.node);
    annotations.push(a);
    if (node) nodes.set(a, node);
  }
  if (errors.length > 0) return { annotations, errors };

  if (pkg) {
    const own = annotations.filter((a) => nodes.get(a)?.node === pkg);
    if (own.length > 0) pkg.annotations = own;
  }
  // OPA's attachRuleAnnotations: a document-scope block applies to every rule of its path in the
  // module; a rule-scope block to each rule of its path below it until one takes it (the rule
  // takes the closest block above it; farther ones stay for the next rule of that path).
  const byPath = new Map<string, { documents: Annotations[]; queue: Annotations[]; next: number; active: Annotations[] }>();
  for (const a of annotations) {
    const node = nodes.get(a);
    if (node?.kind !== 'rule') continue;
    const key = prefixKey(node.node);
    let entry = byPath.get(key);
    if (!entry) byPath.set(key, (entry = { documents: [], queue: [], next: 0, active: [] }));
    if (a.scope === 'document') entry.documents.push(a);
    else entry.queue.push(a);
  }
  for (const rule of rules) {
    const entry = byPath.get(prefixKey(rule));
    if (!entry) continue;
    const row = rule.loc?.row ?? 0;
    while (entry.next < entry.queue.length && (entry.queue[entry.next]!.loc?.row ?? 0) < row) entry.active.push(entry.queue[entry.next++]!);
    if (entry.documents.length === 0 && entry.active.length === 0) continue;
    // OPA's order: the blocks in source order, document and rule scopes interleaved.
    const attached = [...entry.documents, ...entry.active].sort((x, y) => (x.loc?.row ?? 0) - (y.loc?.row ?? 0));
    rule.annotations = [...(rule.annotations ?? []), ...attached];
    entry.active.pop();
  }
  return { annotations, errors };
}

function scopeError(scope: string, node: Statement | undefined, entrypoint: boolean): string | undefined {
  if (!SCOPES.includes(scope)) {
    return `invalid annotation scope '${scope}'. Use one of 'rule', 'document', 'package', or 'subpackages'`;
  }
  const have = node ? ` (have ${node.kind})` : '';
  if ((scope === 'rule' || scope === 'document') && node?.kind !== 'rule') return `annotation scope '${scope}' must be applied to rule${have}`;
  if ((scope === 'package' || scope === 'subpackages') && node?.kind !== 'package') {
    return `annotation scope '${scope}' must be applied to package${have}`;
  }
  if (entrypoint && scope !== 'document' && scope !== 'package') return `annotation entrypoint applied to non-document or package scope '${scope}'`;
  return undefined;
}
