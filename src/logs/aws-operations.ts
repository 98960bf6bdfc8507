// AWS KMS API names (CloudTrail eventName) -> operation class. readOnly defaults follow the values
// CloudTrail records in the KMS developer guide examples (detections.md 5.1); a record's own
// `readOnly` wins when present.
import type { OperationClass } from '../core/model.js';

const CLASS_BY_NAME: Record<string, OperationClass> = {
  Encrypt: 'encrypt',
  Decrypt: 'decrypt',
  ReEncrypt: 're-encrypt',
  GenerateDataKey: 'generate-data-key',
  GenerateDataKeyWithoutPlaintext: 'generate-data-key',
  GenerateDataKeyPair: 'generate-data-key',
  GenerateDataKeyPairWithoutPlaintext: 'generate-data-key',
  Sign: 'sign',
  Verify: 'verify',
  GenerateMac: 'mac',
  VerifyMac: 'mac',
  DeriveSharedSecret: 'other',
  GenerateRandom: 'other',
  DescribeKey: 'describe',
  GetKeyPolicy: 'describe',
  GetKeyRotationStatus: 'describe',
  GetPublicKey: 'describe',
  GetParametersForImport: 'describe',
  DescribeCustomKeyStores: 'describe',
  ListKeys: 'list',
  ListAliases: 'list',
  ListGrants: 'list',
  ListRetirableGrants: 'list',
  ListKeyPolicies: 'list',
  ListResourceTags: 'list',
  ListKeyRotations: 'list',
  CreateKey: 'create',
  ReplicateKey: 'create',
  ImportKeyMaterial: 'import',
  RotateKey: 'rotate',
  RotateKeyOnDemand: 'rotate',
  EnableKeyRotation: 'admin',
  DisableKeyRotation: 'admin',
  EnableKey: 'enable',
  DisableKey: 'disable',
  ScheduleKeyDeletion: 'delete',
  DeleteKey: 'delete',
  DeleteImportedKeyMaterial: 'delete',
  DeleteExpiredKeyMaterial: 'delete',
  CancelKeyDeletion: 'cancel-delete',
  PutKeyPolicy: 'policy-change',
  CreateGrant: 'grant',
  RetireGrant: 'revoke',
  RevokeGrant: 'revoke',
  CreateAlias: 'admin',
  UpdateAlias: 'admin',
  DeleteAlias: 'admin',
  TagResource: 'admin',
  UntagResource: 'admin',
  UpdateKeyDescription: 'admin',
  UpdatePrimaryRegion: 'admin',
  SynchronizeMultiRegionKey: 'admin',
  CreateCustomKeyStore: 'admin',
  UpdateCustomKeyStore: 'admin',
  DeleteCustomKeyStore: 'admin',
  ConnectCustomKeyStore: 'admin',
  DisconnectCustomKeyStore: 'admin',
};

const READ_ONLY_CLASSES = new Set<OperationClass>([
  'encrypt',
  'decrypt',
  're-encrypt',
  'generate-data-key',
  'sign',
  'verify',
  'mac',
  'describe',
  'list',
]);

export function awsOperationClass(eventName: string): OperationClass {
  return CLASS_BY_NAME[eventName] ?? 'other';
}

export function awsDefaultReadOnly(eventName: string): boolean {
  if (eventName === 'GenerateRandom' || eventName === 'DeriveSharedSecret') return true;
  return READ_ONLY_CLASSES.has(awsOperationClass(eventName));
}
