// The Google Cloud collector's command-line flags (scan and collect share them).
import { Flags } from '@oclif/core';

const helpGroup = 'GOOGLE CLOUD';

export const gcpCliFlags = {
  'gcp-projects': Flags.string({ description: 'Google Cloud project ids, comma-separated', helpGroup }),
};
