import { describe, expect, it } from 'vitest';
import { templateBuiltins } from '../../../../src/rego/builtins/template.js';
import type { BuiltinContext } from '../../../../src/rego/builtins/types.js';
import { fromJS, type Value } from '../../../../src/rego/value/index.js';

const ctx = {} as BuiltinContext;
const render = (tpl: string, vars: unknown): Value | undefined => templateBuiltins[0]!.impl([tpl, fromJS(vars)], ctx);

describe('strings.render_template', () => {
  it.each([
    ['{{.test}}', { test: 'hello world' }, 'hello world'],
    ['{{.test}}', { test: 2023 }, '2023'],
    ['{{range $i, $name := .hellonames}}{{if $i}},{{end}}hello {{$name}}{{end}}', { hellonames: ['rohan', 'john doe'] }, 'hello rohan,hello john doe'],
    ['{{.testvarnotprovided}}', { test: 'hello world' }, '<undefined>'],
    ['test {{.foo}} {{.bar}} {{.baz}}', { baz: 1 }, 'test <undefined> <undefined> 1'],
    ['{{if .a}}yes{{else}}no{{end}}', { a: false }, 'no'],
    ['{{if eq .a "x"}}1{{else if eq .a "y"}}2{{else}}3{{end}}', { a: 'y' }, '2'],
    ['{{with .o}}{{.k}}{{end}}', { o: { k: 'v' } }, 'v'],
    ['{{range .xs}}[{{.}}]{{else}}empty{{end}}', { xs: [] }, 'empty'],
    ['{{range $k, $v := .m}}{{$k}}={{$v}};{{end}}', { m: { b: 2, a: 1 } }, 'a=1;b=2;'],
    ['{{.xs}} {{.m}}', { xs: ['a', 'b'], m: { k: true } }, '[a b] map[k:true]'],
    ['{{len .xs}} {{index .xs 1}}', { xs: ['a', 'b'] }, '2 b'],
    ['{{printf "%s-%v" .a .b}}', { a: 'x', b: 3 }, 'x-3'],
    ['{{.a | printf "<%s>"}}', { a: 'x' }, '<x>'],
    ['{{- " a " -}}  {{"b"}}', {}, ' a b'],
    ['a {{/* comment */}}b', {}, 'a b'],
    ['{{$x := .a}}{{$x}}{{$x = "z"}}{{$x}}', { a: 'y' }, 'yz'],
    ['{{range .xs}}{{if eq . "b"}}{{break}}{{end}}{{.}}{{end}}', { xs: ['a', 'b', 'c'] }, 'a'],
    ['{{and .a .b}} {{or .a .b}} {{not .a}}', { a: true, b: '' }, ' true false'],
    ['{{html .s}}', { s: '<a href="x">' }, '&lt;a href=&#34;x&#34;&gt;'],
  ])('%s', (tpl, vars, want) => {
    expect(render(tpl, vars)).toBe(want);
  });

  it('reports errors', () => {
    expect(() => render('{{if .a}}', {})).toThrow('template: template:1: unexpected EOF');
    expect(() => render('{{nofunc .a}}', {})).toThrow('function "nofunc" not defined');
    expect(() => render('{{.a.b}}', { a: 'x' })).toThrow("can't evaluate field b in type string");
    expect(() => render('{{.a}}', 'x')).toThrow('operand 2 must be object but got string');
  });
});

describe('printf in templates sees numbers as json.Number', () => {
  it('prints Go error forms with the json.Number type', () => {
    expect(render('{{printf "%d|%v" .n .n}}', { n: 5 })).toBe('%!d(json.Number=5)|5');
  });
});
