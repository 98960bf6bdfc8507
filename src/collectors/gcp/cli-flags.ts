// The Google Cloud collector's command-line flags (scan and collect share them).
import { Flags } from '@oclif/core';

const helpGroup = 'GOOGLE CLOUD';

export const gcpCliFlags = {
  'gcp-projects': Flags.string({ description: 'Google Cloud project ids, comma-separated (default: GOOGLE_CLOUD_PROJECT)', helpGroup }),
  'gcp-locations': Flags.string({ description: 'Cloud KMS locations to read, comma-separated (default: every location of each project)', helpGroup }),
};
