// Parser for the subset of Go's text/template that strings.render_template supports: text,
// {{pipeline}} with field chains, variables, literals, function calls and `|`, {{/* comments */}},
// trim markers {{- -}}, if / else if / else, range (with $i, $e :=), with, break, continue, end.

export type Arg =
  | { k: 'field'; base: 'dot' | 'var' | 'pipe'; name?: string; pipe?: Pipeline; fields: string[] }
  | { k: 'string'; v: string }
  | { k: 'number'; v: number; text: string }
  | { k: 'bool'; v: boolean }
  | { k: 'nil' }
  | { k: 'ident'; name: string };

export interface Pipeline {
  decl: string[];
  assign: boolean;
  cmds: Arg[][];
  text: string;
}

export type Node =
  | { t: 'text'; s: string }
  | { t: 'action'; pipe: Pipeline }
  | { t: 'if' | 'with' | 'range'; pipe: Pipeline; list: Node[]; elseList?: Node[] }
  | { t: 'break' | 'continue' };

export class TemplateError extends Error {
  constructor(message: string) {
    super(`template: template:${message}`);
  }
}

interface RawAction {
  text: string;
  line: number;
}

/** Splits source into text and action pieces, applying trim markers and dropping comments. */
function split(src: string): (string | RawAction)[] {
  const out: (string | RawAction)[] = [];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) {
      out.push(src.slice(i));
      break;
    }
    let text = src.slice(i, open);
    let j = open + 2;
    if (src[j] === '-' && /[ \t\r\n]/.test(src[j + 1] ?? '')) {
      text = text.replace(/[ \t\r\n]+$/, '');
      j++;
    }
    out.push(text);
    const line = src.slice(0, open).split('\n').length;
    // find the closing }} outside quotes
    let k = j;
    let quote = '';
    for (; k < src.length; k++) {
      const c = src[k]!;
      if (quote) {
        if (c === '\\' && quote !== '`') k++;
        else if (c === quote) quote = '';
      } else if (c === '"' || c === '`' || c === "'") quote = c;
      else if (src.startsWith('}}', k)) break;
    }
    if (k >= src.length) throw new TemplateError(`${line}: unclosed action`);
    let body = src.slice(j, k);
    i = k + 2;
    if (/[ \t\r\n]-$/.test(body)) {
      body = body.slice(0, -1);
      const m = /^[ \t\r\n]+/.exec(src.slice(i));
      if (m) i += m[0].length;
    }
    const trimmed = body.trim();
    if (trimmed.startsWith('/*')) {
      if (!trimmed.endsWith('*/')) throw new TemplateError(`${line}: unclosed comment`);
      continue;
    }
    out.push({ text: trimmed, line });
  }
  return out;
}

/** Tokens of an action: words, strings, numbers, punctuation ( ) | := = , */
function tokenize(text: string, line: number): string[] {
  const toks: string[] = [];
  const re = /\s*("(?:[^"\\]|\\.)*"|`[^`]*`|'(?:[^'\\]|\\.)+'|:=|[()|=,]|[^\s()|=,"`']+)/gy;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(text))) {
    toks.push(m[1]!);
    last = re.lastIndex;
  }
  if (text.slice(last).trim() !== '') throw new TemplateError(`${line}: unexpected ${JSON.stringify(text.slice(last).trim())} in command`);
  return toks;
}

function parseArg(tok: string, line: number): Arg {
  if (tok.startsWith('"')) return { k: 'string', v: JSON.parse(tok) as string };
  if (tok.startsWith('`')) return { k: 'string', v: tok.slice(1, -1) };
  if (tok.startsWith("'")) {
    const s = JSON.parse('"' + tok.slice(1, -1).replace(/"/g, '\\"') + '"') as string;
    return { k: 'number', v: s.codePointAt(0) ?? 0, text: String(s.codePointAt(0) ?? 0) };
  }
  if (tok === 'true' || tok === 'false') return { k: 'bool', v: tok === 'true' };
  if (tok === 'nil') return { k: 'nil' };
  if (/^[-+]?(\d|\.\d)/.test(tok)) {
    const v = Number(tok.replace(/_/g, ''));
    if (Number.isNaN(v)) throw new TemplateError(`${line}: bad number syntax: ${JSON.stringify(tok)}`);
    return { k: 'number', v, text: tok };
  }
  if (tok === '.') return { k: 'field', base: 'dot', fields: [] };
  if (tok.startsWith('.')) return { k: 'field', base: 'dot', fields: tok.slice(1).split('.') };
  if (tok.startsWith('$')) {
    const [name = '$', ...fields] = tok.split('.');
    return { k: 'field', base: 'var', name, fields };
  }
  if (/^[A-Za-z_]\w*$/.test(tok)) return { k: 'ident', name: tok };
  throw new TemplateError(`${line}: unexpected ${JSON.stringify(tok)} in operand`);
}

function parsePipeline(toks: string[], line: number, text: string): Pipeline {
  let pos = 0;
  const decl: string[] = [];
  let assign = false;
  // $x := / $i, $e := / $x =
  const declEnd = toks.findIndex((t) => t === ':=' || t === '=');
  if (declEnd > 0 && toks.slice(0, declEnd).every((t) => t.startsWith('$') || t === ',')) {
    for (const t of toks.slice(0, declEnd)) if (t !== ',') decl.push(t);
    assign = toks[declEnd] === '=';
    pos = declEnd + 1;
  }
  const parseCmds = (stopAtParen: boolean): Arg[][] => {
    const cmds: Arg[][] = [[]];
    while (pos < toks.length) {
      const t = toks[pos++]!;
      if (t === ')') {
        if (!stopAtParen) throw new TemplateError(`${line}: unexpected ")" in command`);
        return cmds;
      }
      if (t === '|') {
        if (cmds[cmds.length - 1]!.length === 0) throw new TemplateError(`${line}: missing command`);
        cmds.push([]);
        continue;
      }
      if (t === '(') {
        const inner = parseCmds(true);
        let fields: string[] = [];
        const next = toks[pos];
        if (next && next.startsWith('.') && next.length > 1) {
          fields = next.slice(1).split('.');
          pos++;
        }
        cmds[cmds.length - 1]!.push({ k: 'field', base: 'pipe', pipe: { decl: [], assign: false, cmds: inner, text: '' }, fields });
        continue;
      }
      cmds[cmds.length - 1]!.push(parseArg(t, line));
    }
    if (stopAtParen) throw new TemplateError(`${line}: unclosed left paren`);
    return cmds;
  };
  const cmds = parseCmds(false);
  if (cmds.some((c) => c.length === 0)) throw new TemplateError(`${line}: missing value for command`);
  return { decl, assign, cmds, text };
}

/** Parses a template into a node list. */
export function parseTemplate(src: string): Node[] {
  const pieces = split(src);
  let pos = 0;
  // returns the list and the keyword that ended it (end / else ...)
  const parseList = (depth: number): { list: Node[]; stop?: { word: string; rest: string[]; line: number; text: string } } => {
    const list: Node[] = [];
    while (pos < pieces.length) {
      const p = pieces[pos++]!;
      if (typeof p === 'string') {
        if (p !== '') list.push({ t: 'text', s: p });
        continue;
      }
      const toks = tokenize(p.text, p.line);
      const word = toks[0] ?? '';
      if (word === 'end' || word === 'else') {
        if (depth === 0) throw new TemplateError(`${p.line}: unexpected {{${word}}}`);
        return { list, stop: { word, rest: toks.slice(1), line: p.line, text: p.text } };
      }
      if (word === 'if' || word === 'with' || word === 'range') list.push(parseControl(word, toks.slice(1), p.line, p.text, depth));
      else if (word === 'break' || word === 'continue') list.push({ t: word });
      else if (word === 'define' || word === 'template' || word === 'block')
        throw new TemplateError(`${p.line}: {{${word}}} is not supported by strings.render_template`);
      else if (toks.length === 0) throw new TemplateError(`${p.line}: missing value for command`);
      else list.push({ t: 'action', pipe: parsePipeline(toks, p.line, p.text) });
    }
    if (depth > 0) throw new TemplateError(`1: unexpected EOF`);
    return { list };
  };
  const parseControl = (word: 'if' | 'with' | 'range', toks: string[], line: number, text: string, depth: number): Node => {
    if (toks.length === 0) throw new TemplateError(`${line}: missing value for ${word}`);
    const pipe = parsePipeline(toks, line, text);
    const body = parseList(depth + 1);
    const node: Node = { t: word, pipe, list: body.list };
    if (body.stop?.word === 'else') {
      const kw = body.stop.rest[0];
      if (kw === 'if' || kw === 'with') {
        // {{else if x}} is {{else}}{{if x}}...{{end}}{{end}} sharing the final end
        const nested = parseControl(kw, body.stop.rest.slice(1), body.stop.line, body.stop.text, depth);
        node.elseList = [nested];
        return node;
      }
      const rest = parseList(depth + 1);
      if (rest.stop?.word !== 'end') throw new TemplateError(`${line}: expected end; found {{else}}`);
      node.elseList = rest.list;
    }
    return node;
  };
  return parseList(0).list;
}
