// The live-collection flags `scan` and `collect` share: --provider plus each provider's own flags.
import { Flags } from '@oclif/core';
import { awsCliFlags } from '../collectors/aws/cli-flags.js';
import { azureCliFlags } from '../collectors/azure/cli-flags.js';
import { gcpCliFlags } from '../collectors/gcp/cli-flags.js';
import { pkcs11CliFlags } from '../collectors/pkcs11/cli-flags.js';
import { PROVIDERS } from './collectors.js';

export function liveCollectorFlags() {
  return {
    provider: Flags.string({ multiple: true, options: [...PROVIDERS], description: 'live collector to run (repeatable): aws, azure, gcp, pkcs11', helpGroup: 'LIVE COLLECTION' }),
    ...awsCliFlags,
    ...azureCliFlags,
    ...gcpCliFlags,
    ...pkcs11CliFlags,
  };
}

/** Names of every live-collection flag, for refuseUnavailable. */
export const LIVE_COLLECTOR_FLAGS: readonly string[] = ['provider', ...Object.keys({ ...awsCliFlags, ...azureCliFlags, ...gcpCliFlags, ...pkcs11CliFlags })];
