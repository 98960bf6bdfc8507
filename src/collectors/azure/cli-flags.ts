// The Azure collector's command-line flags (scan and collect share them).
import { Flags } from '@oclif/core';

const helpGroup = 'AZURE';

export const azureCliFlags = {
  'azure-subscriptions': Flags.string({ description: 'Azure subscription ids, comma-separated', helpGroup }),
  'azure-workspace': Flags.string({ description: 'Log Analytics workspace id holding Key Vault audit logs', helpGroup }),
};
