// `keywarden scan`: collect (snapshots, logs, live collectors), evaluate, detect, report. Thin: parse flags, call
// runScan, print the console summary, exit 0 (clean), 1 (findings at or above --fail-on), 2 (error).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, Flags } from '@oclif/core';
import { ToolError, toToolError } from '../core/errors.js';
import { SEVERITIES } from '../core/model.js';
import { runScan } from '../pipeline/scan.js';
import type { FailOn } from '../pipeline/summary.js';
import { parseFormats } from '../reporters/index.js';
import { collectLive, refuseUnavailable } from '../pipeline/collectors.js';
import { LIVE_COLLECTOR_FLAGS, liveCollectorFlags } from '../pipeline/live-flags.js';
import { liveEventWindow } from '../pipeline/time.js';
import { checkEvidenceDir, resolveSigningKey, writeEvidence, type SigningKey } from '../evidence/index.js';
import type { SarifOptions } from '../reporters/index.js';

export default class Scan extends Command {
  static override summary = 'Audit encryption keys: evaluate policies on an inventory, detect anomalies in usage logs, write reports.';
  static override description = [
    'Reads inventory snapshots (--inventory), native key-usage logs (--logs: CloudTrail, Key Vault AuditEvent, Cloud KMS LogEntry;',
    'plain or gzip, detected by content) and live estates, read-only (--provider aws|azure|gcp|pkcs11, repeatable; cloud credentials',
    'from each SDK\'s default chain; usage events for --since/--until, default the last 7 days; progress on stderr), evaluates the built-in Rego policies plus --policies, runs the anomaly detectors, and writes',
    'SARIF, JSON and HTML reports to --out. `--demo` scans the bundled demo estate with no credentials and no network.',
    '',
    'Exit codes: 0 clean; 1 a failing finding at or above --fail-on (waived and unknown findings never fail the run); 2 a tool or usage error.',
    'Configuration: keywarden.config.yaml in the working directory (or --config): policy and rule folders, threshold profile, waivers.',
    'State (--state, default .keywarden/state.db) keeps each finding\'s first and last sighting and the detectors\' baselines.',
    '--evidence DIR also writes a signed evidence bundle (reports, inventory snapshot, manifest with SHA-256 of every file and input,',
    'Ed25519 signature; key from --evidence-key or KEYWARDEN_EVIDENCE_KEY). Make a key with `openssl genpkey -algorithm ed25519 -out evidence.pem`.',
  ].join('\n');
  static override examples = [
    '<%= config.bin %> scan --demo',
    '<%= config.bin %> scan --inventory inventory.json --logs ./cloudtrail/ --since 7d --fail-on critical',
    '<%= config.bin %> scan --provider aws --aws-regions eu-west-1,us-east-1 --since 7d',
    '<%= config.bin %> scan --provider aws --aws-org --aws-role-name KeywardenReader --aws-external-id $EXTERNAL_ID',
    '<%= config.bin %> scan --provider azure --azure-subscriptions $SUBSCRIPTION_ID --azure-workspace $WORKSPACE_ID',
    '<%= config.bin %> scan --provider gcp --gcp-projects acme-prod-kms,acme-shared-kms',
    'KEYWARDEN_PKCS11_PIN=... <%= config.bin %> scan --provider pkcs11 --pkcs11-module /usr/lib/softhsm/libsofthsm2.so --pkcs11-token prod',
    '<%= config.bin %> scan --inventory inv.json --policies ./my-policies --format sarif,json --out build/reports',
    '<%= config.bin %> scan --inventory inv.json --evidence evidence/2026-11 --evidence-key evidence.pem   # signed bundle; check with `keywarden verify`',
    '<%= config.bin %> scan --provider aws --sarif-category keywarden/aws-prod --sarif-runs account   # code-scanning categories per estate and account',
  ];

  static override flags = {
    demo: Flags.boolean({ description: 'scan the bundled demo estate (examples/demo/, no credentials, no network)' }),
    inventory: Flags.string({ multiple: true, description: 'inventory snapshot written by `keywarden collect` (repeatable)' }),
    logs: Flags.string({ multiple: true, description: 'file or folder of native key-usage logs, plain or gzip (repeatable)' }),
    since: Flags.string({ description: 'log window start: ISO 8601 or relative (7d, 12h, 30m, 2w)' }),
    until: Flags.string({ description: 'log window end: ISO 8601 or relative' }),
    policies: Flags.string({ multiple: true, description: 'folder of user .rego policies added to the built-in pack (repeatable)' }),
    engine: Flags.string({ options: ['interpreter', 'wasm'], default: 'interpreter', description: 'policy engine backend' }),
    bundle: Flags.string({ description: 'with --engine wasm: a policy bundle built by `opa build -t wasm`' }),
    'geoip-db': Flags.string({ description: 'your own geolocation database (.mmdb) for the geography detectors' }),
    out: Flags.string({ default: 'reports', description: 'report folder' }),
    format: Flags.string({ default: 'sarif,json,html', description: 'reports to write: sarif,json,html,md' }),
    'fail-on': Flags.string({ options: [...SEVERITIES, 'none'], description: 'exit 1 when a failing finding is at or above this severity (default high, or failOn in the config)' }),
    state: Flags.string({ description: 'SQLite state file (default .keywarden/state.db)' }),
    config: Flags.string({ description: 'configuration file (default keywarden.config.yaml in the working directory)' }),
    color: Flags.boolean({ description: 'colour the console summary', allowNo: true }),
    ...liveCollectorFlags(),
    evidence: Flags.string({ description: 'write a signed evidence bundle (reports, inventory snapshot, manifest, Ed25519 signature) to this new or empty folder' }),
    'evidence-key': Flags.string({ description: 'Ed25519 private key (PEM PKCS#8) that signs the evidence bundle; default: the PEM in KEYWARDEN_EVIDENCE_KEY' }),
    'sarif-category': Flags.string({ description: 'prefix of the SARIF runs\' automationDetails.id (default keywarden): give each scheduled scan of a different estate its own, e.g. keywarden/aws-prod' }),
    'sarif-runs': Flags.string({ options: ['kind', 'account'], default: 'kind', description: 'SARIF runs: one per kind (<prefix>/policy/, <prefix>/anomaly/) or one per provider account (<prefix>/<provider>/<account>/)' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Scan);
    let exitCode: number;
    try {
      refuseUnavailable(flags, LIVE_COLLECTOR_FLAGS);
      // Key and folder are checked before the scan so a long scan is not wasted on a bundle that cannot be written.
      let evidenceKey: SigningKey | undefined;
      if (flags.evidence !== undefined) {
        evidenceKey = resolveSigningKey({ env: process.env, ...(flags['evidence-key'] ? { file: { name: flags['evidence-key'], text: readKeyFile(flags['evidence-key']) } } : {}) });
        await checkEvidenceDir(resolve(flags.evidence), resolve(flags.out));
      } else if (flags['evidence-key'] !== undefined) throw new ToolError('usage', '--evidence-key needs --evidence DIR');
      const sarif: SarifOptions = { grouping: flags['sarif-runs'] as 'kind' | 'account', ...(flags['sarif-category'] !== undefined ? { categoryPrefix: flags['sarif-category'] } : {}) };
      let formats;
      try {
        formats = parseFormats(flags.format);
      } catch (e) {
        throw new ToolError('usage', `--format: ${(e as Error).message}`);
      }
      const live = await collectLive(flags, { events: liveEventWindow(flags, new Date()) });
      const result = await runScan({
        demo: flags.demo,
        inventories: flags.inventory ?? [],
        ...(live ? { live } : {}),
        logs: flags.logs ?? [],
        ...(flags.since ? { since: flags.since } : {}),
        ...(flags.until ? { until: flags.until } : {}),
        policies: flags.policies ?? [],
        engine: flags.engine as 'interpreter' | 'wasm',
        ...(flags.bundle ? { bundle: flags.bundle } : {}),
        ...(flags['geoip-db'] ? { geoipDb: flags['geoip-db'] } : {}),
        outDir: flags.out,
        formats,
        sarif,
        ...(flags['fail-on'] ? { failOn: flags['fail-on'] as FailOn } : {}),
        ...(flags.state ? { state: flags.state } : {}),
        ...(flags.config ? { config: flags.config } : {}),
        // --color/--no-color win; otherwise colour on a terminal unless NO_COLOR is set (no-color.org).
        color: flags.color ?? (process.stdout.isTTY === true && !process.env.NO_COLOR),
      });
      this.log(result.summary);
      if (flags.evidence !== undefined && evidenceKey) {
        const bundle = await writeEvidence(resolve(flags.evidence), { report: result.report, inventory: result.inventory, key: evidenceKey, createdAt: new Date().toISOString(), sarif });
        this.log(`Evidence bundle: ${flags.evidence} (${bundle.manifest.files.length} files, signed with Ed25519 key SHA-256 ${evidenceKey.fingerprint}); check it with \`keywarden verify ${flags.evidence}\`.`);
      }
      exitCode = result.exitCode;
    } catch (e) {
      const err = toToolError(e);
      process.stderr.write(`${err.describe()}\n`);
      exitCode = 2;
    }
    if (exitCode !== 0) this.exit(exitCode);
  }
}

function readKeyFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new ToolError('usage', `--evidence-key ${file}: ${(e as Error).message}`);
  }
}
