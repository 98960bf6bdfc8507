import { Args, Command, Flags } from '@oclif/core';
import { findRegoFiles, loadData } from '../../policy/files.js';
import { formatResults, runTests, summarize } from '../../policy/testing.js';

export default class PolicyTest extends Command {
  static override summary = 'Run Rego tests (test_* rules), like `opa test`.';
  static override description =
    'Loads every .rego file under the given paths (default: policies/), runs each rule whose name starts with test_ ' +
    'and reports PASS, FAIL (undefined or not true), ERROR (runtime error) or SKIPPED (todo_ rules). ' +
    'data.json/data.yaml files under the paths are loaded as data. Exits 1 when any test fails or errors, 2 on a ' +
    'parse or compile error.';
  static override examples = ['<%= config.bin %> policy test policies/', '<%= config.bin %> policy test policies/aws --run rotation -v'];
  static override strict = false;
  static override args = { paths: Args.string({ description: 'files or folders (default: policies/)' }) };
  static override flags = {
    verbose: Flags.boolean({ char: 'v', description: 'list every test, with print() output' }),
    run: Flags.string({ char: 'r', description: 'only tests whose full name (data.pkg.test_x) matches this regular expression' }),
    format: Flags.string({ description: 'output format', options: ['pretty', 'json'], default: 'pretty' }),
    'fail-on-empty': Flags.boolean({ description: 'exit 1 when no test was found' }),
    timeout: Flags.integer({ description: 'per-test timeout in milliseconds', default: 30_000 }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(PolicyTest);
    const paths = (argv as string[]).length > 0 ? (argv as string[]) : ['policies'];
    let run: RegExp | undefined;
    try {
      run = flags.run ? new RegExp(flags.run) : undefined;
    } catch (err) {
      this.error(`--run: not a valid regular expression: ${(err as Error).message}`, { exit: 2 });
    }
    let results;
    try {
      const { data, modules } = await loadData(paths);
      const files = modules.length > 0 ? modules : await findRegoFiles(paths);
      results = await runTests(files, { run, data, timeoutMs: flags.timeout });
    } catch (err) {
      this.error((err as Error).message, { exit: 2 });
    }
    if (flags.format === 'json') this.log(JSON.stringify(results, null, 2));
    else this.log(formatResults(results, flags.verbose));
    const s = summarize(results);
    if (s.fail > 0 || s.error > 0 || (flags['fail-on-empty'] && s.total === 0)) this.exit(1);
  }
}
