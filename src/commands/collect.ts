// `keywarden collect`: write an inventory snapshot. It merges snapshots given with --inventory (or the
// demo's) and what the live collectors (--provider aws|azure|gcp|pkcs11) read.
import { Command, Flags } from '@oclif/core';
import { toToolError } from '../core/errors.js';
import { collectLive, refuseUnavailable } from '../pipeline/collectors.js';
import { LIVE_COLLECTOR_FLAGS, liveCollectorFlags } from '../pipeline/live-flags.js';
import { runCollect } from '../pipeline/collect.js';

export default class Collect extends Command {
  static override summary = 'Write an inventory snapshot (evidence, and input for later offline scans).';
  static override description =
    'Merges inventory snapshots (--inventory, repeatable; or the demo estate with --demo) and live estates read by the ' +
    'collectors (--provider aws|azure|gcp|pkcs11, read-only; see `keywarden scan --help` and docs/aws.md, docs/azure.md, docs/gcp.md, docs/hsm.md) ' +
    'into one snapshot file: keys, containers, logging configuration and gaps (usage events are read by `scan`, not stored in snapshots). ' +
    'When a key appears in several snapshots, the most recently collected wins.';
  static override examples = ['<%= config.bin %> collect --inventory aws.json --inventory azure.json --output estate.json', '<%= config.bin %> collect --demo --output demo-inventory.json',
    '<%= config.bin %> collect --provider aws --aws-org --aws-role-name KeywardenReader --output aws-org.json',
    '<%= config.bin %> collect --provider azure --azure-subscriptions $SUBSCRIPTION_ID --provider gcp --gcp-projects acme-prod-kms --output clouds.json',
    '<%= config.bin %> collect --provider pkcs11 --pkcs11-module /usr/lib/softhsm/libsofthsm2.so --pkcs11-pin-file pin.txt --output hsm.json',
  ];
  static override flags = {
    demo: Flags.boolean({ description: 'start from the bundled demo estate' }),
    inventory: Flags.string({ multiple: true, description: 'inventory snapshot to merge (repeatable)' }),
    output: Flags.string({ char: 'o', default: 'inventory.json', description: 'snapshot file to write' }),
    ...liveCollectorFlags(),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Collect);
    try {
      refuseUnavailable(flags, LIVE_COLLECTOR_FLAGS);
      const live = await collectLive(flags);
      const r = await runCollect({ demo: flags.demo, inventories: flags.inventory ?? [], ...(live ? { live } : {}), output: flags.output });
      const inv = r.inventory;
      this.log(`Wrote ${r.output}: ${inv.keys.length} keys, ${inv.containers.length} containers, ${inv.logging.length} logging configurations, ${inv.gaps.length} gaps (from ${r.inputs.length} snapshot${r.inputs.length === 1 ? '' : 's'}${live ? ' and live collection' : ''}).`);
    } catch (e) {
      process.stderr.write(`${toToolError(e).describe()}\n`);
      this.exit(2);
    }
  }
}
