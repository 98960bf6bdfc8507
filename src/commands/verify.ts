// `keywarden verify DIR`: check an evidence bundle written by `scan --evidence`. Thin: read the bundle
// and the trusted key, call verifyBundle, print. Exit 0 intact and signed, 1 tampered, 2 usage error.
import { readFileSync } from 'node:fs';
import { Args, Command, Flags } from '@oclif/core';
import { ToolError, toToolError } from '../core/errors.js';
import { renderVerifyResult, verifyBundle } from '../evidence/index.js';

export default class Verify extends Command {
  static override summary = "Check an evidence bundle's file hashes and Ed25519 signature; say exactly what changed.";
  static override description = [
    'Checks every file listed in DIR/manifest.json (SHA-256 and size), reports missing and unexpected files, checks that',
    'public-key.pem is the key the manifest names, and verifies the Ed25519 signature manifest.sig over manifest.json.',
    'Without --public-key the signature is checked against the key inside the bundle: that proves the bundle is intact,',
    "not who signed it. Pass --public-key with the signer's public key, obtained separately, to prove its origin.",
    '',
    'Exit codes: 0 intact and validly signed; 1 tampered (each problem is named); 2 usage error (no such folder, unreadable key).',
  ].join('\n');
  static override examples = ['<%= config.bin %> verify evidence/', '<%= config.bin %> verify evidence/ --public-key keywarden-evidence.pub.pem', '<%= config.bin %> verify evidence/ --json'];
  static override args = { dir: Args.string({ required: true, description: 'evidence bundle folder (written by scan --evidence)' }) };
  static override flags = {
    'public-key': Flags.string({ description: "the signer's Ed25519 public key (PEM SPKI) to check the signature against" }),
    json: Flags.boolean({ description: 'print the result as JSON' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Verify);
    let exitCode: number;
    try {
      let publicKeyPem: string | undefined;
      if (flags['public-key'] !== undefined) {
        try {
          publicKeyPem = readFileSync(flags['public-key'], 'utf8');
        } catch (e) {
          throw new ToolError('usage', `--public-key ${flags['public-key']}: ${(e as Error).message}`, { actions: ['Give the PEM file of the public key the bundle was signed with.'] });
        }
      }
      const result = await verifyBundle(args.dir, publicKeyPem === undefined ? {} : { publicKeyPem, publicKeyName: `--public-key ${flags['public-key']}` });
      if (flags.json) {
        const { manifest, ...rest } = result;
        this.log(JSON.stringify({ dir: args.dir, ...rest, ...(manifest ? { run: manifest.run, tool: manifest.tool } : {}) }, null, 2));
      } else process.stdout.write(renderVerifyResult(args.dir, result));
      exitCode = result.ok ? 0 : 1;
    } catch (e) {
      process.stderr.write(`${toToolError(e).describe()}\n`);
      exitCode = 2;
    }
    if (exitCode !== 0) this.exit(exitCode);
  }
}
