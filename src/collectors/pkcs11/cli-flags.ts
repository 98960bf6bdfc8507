// The PKCS#11 collector's command-line flags (scan and collect share them). The PIN is never a flag value.
import { Flags } from '@oclif/core';

const helpGroup = 'PKCS#11';

export const pkcs11CliFlags = {
  'pkcs11-module': Flags.string({ multiple: true, description: 'PKCS#11 module (.so) path (repeatable)', helpGroup }),
  'pkcs11-token': Flags.string({ multiple: true, description: 'token label to read (repeatable; default every token)', helpGroup }),
  'pkcs11-pin-file': Flags.string({ description: 'file whose first line is the token user PIN (KEYWARDEN_PKCS11_PIN wins)', helpGroup }),
};
