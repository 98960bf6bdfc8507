import { Args, Command, Flags } from '@oclif/core';
import { findRegoFiles } from '../../policy/files.js';
import { checkModules, formatCheckErrors } from '../../policy/check.js';

export default class PolicyCheck extends Command {
  static override summary = 'List every parse and compile error of Rego modules, with locations.';
  static override description =
    'Parses and compiles every .rego file under the given paths (default: policies/) together, and prints each ' +
    'error as file:row:col: code: message (OPA error codes such as rego_parse_error, rego_unsafe_var_error). ' +
    'Exits 0 when there is none, 1 otherwise.';
  static override examples = ['<%= config.bin %> policy check policies/', '<%= config.bin %> policy check my.rego --format json'];
  static override strict = false;
  static override args = { paths: Args.string({ description: 'files or folders (default: policies/)' }) };
  static override flags = {
    format: Flags.string({ options: ['pretty', 'json'], default: 'pretty', description: 'output format' }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(PolicyCheck);
    const paths = (argv as string[]).length > 0 ? (argv as string[]) : ['policies'];
    let errors;
    try {
      errors = await checkModules(await findRegoFiles(paths));
    } catch (err) {
      this.error((err as Error).message, { exit: 2 });
    }
    if (flags.format === 'json') this.log(JSON.stringify({ errors }, null, 2));
    else if (errors.length > 0) this.log(formatCheckErrors(errors));
    if (errors.length > 0) this.exit(1);
  }
}
