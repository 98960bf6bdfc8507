// The AWS collector's command-line flags (scan and collect share them).
import { Flags } from '@oclif/core';

const helpGroup = 'AWS';

export const awsCliFlags = {
  'aws-regions': Flags.string({ description: 'AWS regions, comma-separated (default: the account\'s enabled regions)', helpGroup }),
  'aws-profile': Flags.string({ description: 'AWS shared-config profile (default: the SDK credential chain)', helpGroup }),
  'aws-accounts': Flags.string({ description: 'AWS account ids, comma-separated; each is reached by assuming --aws-role-name', helpGroup }),
  'aws-org': Flags.boolean({ description: 'every active account of the AWS Organization (run from the management or a delegated-admin account)', helpGroup }),
  'aws-role-name': Flags.string({ description: 'role assumed in each account (default KeywardenReader)', helpGroup }),
  'aws-external-id': Flags.string({ description: 'external id for the assumed role', helpGroup }),
  'aws-event-data-store': Flags.string({ description: 'read KMS events from this CloudTrail Lake event data store (ARN or id) instead of trail files or LookupEvents', helpGroup }),
  'aws-log-source': Flags.string({ description: 'where KMS events come from: auto (trail files in S3, else LookupEvents), s3, lookup', options: ['auto', 's3', 'lookup'], helpGroup }),
};
