// `keywarden collect`: write an inventory snapshot. This build collects offline only: it merges
// snapshots given with --inventory (or the demo's); the live-collector flags are refused with exit 2.
import { Command, Flags } from '@oclif/core';
import { toToolError } from '../core/errors.js';
import { LIVE_COLLECTOR_FLAGS, refuseUnavailable } from '../pipeline/collectors.js';
import { runCollect } from '../pipeline/collect.js';
import { liveCollectorFlags } from './scan.js';

export default class Collect extends Command {
  static override summary = 'Write an inventory snapshot (evidence, and input for later offline scans).';
  static override description =
    'Merges inventory snapshots (--inventory, repeatable; or the demo estate with --demo) into one snapshot file. ' +
    'When a key appears in several snapshots, the most recently collected wins. Live collectors (--provider ...) are not available in this build.';
  static override examples = ['<%= config.bin %> collect --inventory aws.json --inventory azure.json --output estate.json', '<%= config.bin %> collect --demo --output demo-inventory.json'];
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
      const r = await runCollect({ demo: flags.demo, inventories: flags.inventory ?? [], output: flags.output });
      const inv = r.inventory;
      this.log(`Wrote ${r.output}: ${inv.keys.length} keys, ${inv.containers.length} containers, ${inv.logging.length} logging configurations, ${inv.gaps.length} gaps (from ${r.inputs.length} snapshot${r.inputs.length === 1 ? '' : 's'}).`);
    } catch (e) {
      process.stderr.write(`${toToolError(e).describe()}\n`);
      this.exit(2);
    }
  }
}
