import { readFile } from 'node:fs/promises';
import { Args, Command, Flags } from '@oclif/core';
import { loadData, parseDocument } from '../../policy/files.js';
import { evaluate, formatPretty, type EvalResult } from '../../policy/evaluate.js';
import { loadWasmBundle } from '../../policy/wasm.js';

export default class PolicyEval extends Command {
  static override summary = 'Evaluate a Rego query, like `opa eval`.';
  static override description =
    'Compiles the .rego modules and loads the data documents named by --data (files or folders; folders contribute ' +
    'their .rego files and their data.json/data.yaml files at the folder path), then evaluates the query with --input ' +
    'as input. JSON output has the shape of `opa eval` ({"result": [{"expressions": [...], "bindings": {...}}]}); an ' +
    'undefined query prints {} (pretty: "undefined").';
  static override examples = [
    '<%= config.bin %> policy eval "data.keywarden" --data policies/ --input inventory.json',
    '<%= config.bin %> policy eval "x := data.a.p[_]" --data a.rego --format pretty',
  ];
  static override args = { query: Args.string({ required: true, description: 'the Rego query' }) };
  static override flags = {
    data: Flags.string({ char: 'd', multiple: true, description: 'policy or data file or folder (repeatable)' }),
    input: Flags.string({ char: 'i', description: 'input document (JSON or YAML)' }),
    format: Flags.string({ char: 'f', options: ['json', 'pretty'], default: 'json', description: 'output format' }),
    'strict-builtin-errors': Flags.boolean({ description: 'treat builtin errors as fatal instead of undefined' }),
    timeout: Flags.integer({ description: 'evaluation timeout in milliseconds', default: 60_000 }),
    engine: Flags.string({ options: ['interpreter', 'wasm'], default: 'interpreter', description: 'policy engine backend' }),
    bundle: Flags.string({ description: 'with --engine wasm: a bundle built by `opa build -t wasm` (bundle.tar.gz)' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(PolicyEval);
    if (flags.engine === 'wasm' && !flags.bundle) {
      this.error('--engine wasm needs --bundle <bundle.tar.gz> (build one with `opa build -t wasm -e <entrypoint> <dir>`)', { exit: 2 });
    }
    let result: EvalResult;
    try {
      const { data, modules } = await loadData(flags.data ?? []);
      const input = flags.input ? parseDocument(flags.input, await readFile(flags.input, 'utf8')) : undefined;
      if (flags.engine === 'wasm' && flags.bundle) {
        const wasm = await loadWasmBundle(flags.bundle, data);
        const rows = wasm.evaluate(args.query, input);
        result = rows.length ? { result: rows.map((r) => ({ expressions: [{ value: r.value, text: args.query }] })) } : {};
      } else result = await evaluate(args.query, {
        modules,
        data,
        input,
        strictBuiltinErrors: flags['strict-builtin-errors'],
        timeoutMs: flags.timeout,
        print: (msg) => process.stderr.write(msg + '\n'),
      });
    } catch (err) {
      this.error((err as Error).message, { exit: 2 });
    }
    this.log(flags.format === 'json' ? JSON.stringify(result, null, 2) : formatPretty(result));
  }
}
