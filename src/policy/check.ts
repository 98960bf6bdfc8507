// `keywarden policy check`: every parse and compile error of a set of modules, with locations.
import { compile, RegoError } from '../rego/index.js';
import { parseModule } from '../rego/parser/index.js';
import type { SourceFile } from './files.js';

export interface CheckError {
  file: string;
  row: number;
  col: number;
  code: string;
  message: string;
}

function flatten(err: unknown, fallbackFile: string): CheckError[] {
  if (err instanceof RegoError) {
    const list = err.errors.length > 0 ? err.errors : [err];
    return list.map((e) => ({
      file: e.location?.file ?? fallbackFile,
      row: e.location?.row ?? 0,
      col: e.location?.col ?? 0,
      code: e.code,
      message: e.rawMessage,
    }));
  }
  return [{ file: fallbackFile, row: 0, col: 0, code: 'rego_compile_error', message: (err as Error).message }];
}

export async function checkModules(files: readonly SourceFile[]): Promise<CheckError[]> {
  const errors: CheckError[] = [];
  const parsed: SourceFile[] = [];
  for (const f of files) {
    try {
      parseModule(f.text, f.display);
      parsed.push(f);
    } catch (err) {
      errors.push(...flatten(err, f.display));
    }
  }
  // Compile only what parsed, so compile errors are found even while another file has a syntax error.
  if (parsed.length > 0) {
    try {
      await compile({ modules: Object.fromEntries(parsed.map((f) => [f.display, f.text])), data: {} });
    } catch (err) {
      errors.push(...flatten(err, parsed[0]?.display ?? ''));
    }
  }
  return errors.sort((a, b) => a.file.localeCompare(b.file) || a.row - b.row || a.col - b.col);
}

export function formatCheckErrors(errors: readonly CheckError[]): string {
  return errors.map((e) => `${e.file}:${e.row}:${e.col}: ${e.code}: ${e.message}`).join('\n');
}
