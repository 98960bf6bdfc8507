// CloudTrail record (as in S3 files, lookup-events' CloudTrailEvent, Lake exports) -> KeyEvent.
import type { KeyEvent } from '../core/model.js';
import { awsDefaultReadOnly, awsOperationClass } from './aws-operations.js';
import { bool, compact, ipLiteral, isoTime, num, obj, str, type Json, type MapResult } from './fields.js';

export const KMS_EVENT_SOURCE = 'kms.amazonaws.com';

export function mapCloudTrailRecord(input: unknown, origin?: KeyEvent['origin']): MapResult<KeyEvent> {
  const rec = obj(input);
  if (!rec) return { kind: 'error', message: 'record is not a JSON object' };
  if (rec.eventSource !== KMS_EVENT_SOURCE) return { kind: 'skip', reason: 'not a KMS event' };
  // Insights events (CloudTrail-Insight/ files) summarise call rates; they are not calls.
  if (rec.eventType === 'AwsCloudTrailInsight') return { kind: 'skip', reason: 'CloudTrail Insights event' };
  const time = isoTime(rec.eventTime);
  if (!time) return { kind: 'error', message: 'eventTime missing or not a date' };
  const eventName = str(rec.eventName);
  if (!eventName) return { kind: 'error', message: 'eventName missing' };
  const eventId = str(rec.eventID);
  if (!eventId) return { kind: 'error', message: 'eventID missing' };

  const region = str(rec.awsRegion);
  const identity = obj(rec.userIdentity) ?? {};
  const account = str(rec.recipientAccountId) ?? str(identity.accountId);
  const keys = keyIds(rec, account, region);
  const rawSource = str(rec.sourceIPAddress);
  const sourceIp = ipLiteral(rawSource);
  const viaService = str(identity.invokedBy) ?? (rawSource !== undefined && sourceIp === undefined ? rawSource : undefined);
  const errorCode = str(rec.errorCode);
  const event: KeyEvent = {
    time,
    provider: 'aws',
    account,
    region,
    keyId: keys.keyId,
    otherKeyIds: keys.others.length > 0 ? keys.others : undefined,
    operation: {
      raw: eventName,
      class: awsOperationClass(eventName),
      readOnly: bool(rec.readOnly) ?? awsDefaultReadOnly(eventName),
    },
    principal: awsPrincipal(identity),
    sourceIp,
    userAgent: str(rec.userAgent),
    viaService,
    outcome: errorCode === undefined ? 'success' : 'failure',
    errorCode,
    errorMessage: str(rec.errorMessage),
    requestId: str(rec.requestID),
    eventId,
    details: awsDetails(eventName, rec),
    origin,
  };
  return { kind: 'event', event: compact(event) };
}

/** Stable principal: the role ARN for assumed-role sessions, never the per-session ARN. */
export function awsPrincipal(identity: Json): KeyEvent['principal'] {
  const type = str(identity.type);
  const account = str(identity.accountId);
  const issuer = obj(obj(identity.sessionContext)?.sessionIssuer);
  const arn = str(identity.arn);
  switch (type) {
    case 'AssumedRole': {
      const roleArn = str(issuer?.arn) ?? roleArnFromSession(arn);
      return compact({ id: roleArn ?? arn ?? str(identity.principalId) ?? 'unknown', type: 'role' as const, name: str(issuer?.userName), account });
    }
    case 'IAMUser':
      return compact({ id: arn ?? str(identity.principalId) ?? 'unknown', type: 'user' as const, name: str(identity.userName), account });
    case 'Root':
      return compact({ id: arn ?? (account ? `arn:aws:iam::${account}:root` : 'unknown'), type: 'root' as const, account });
    case 'AWSService':
      return compact({ id: str(identity.invokedBy) ?? 'unknown', type: 'service' as const, account });
    case 'FederatedUser':
      return compact({ id: str(issuer?.arn) ?? arn ?? 'unknown', type: 'federated' as const, name: str(identity.userName), account });
    case 'WebIdentityUser':
    case 'SAMLUser': {
      const provider = str(identity.identityProvider);
      const user = str(identity.userName) ?? str(identity.principalId);
      return compact({ id: [provider, user].filter(Boolean).join('/') || 'unknown', type: 'federated' as const, name: user, account });
    }
    case 'IdentityCenterUser':
      return compact({ id: str(obj(identity.onBehalfOf)?.userId) ?? str(identity.userId) ?? 'unknown', type: 'federated' as const, account });
    case 'AWSAccount': {
      // A caller in another account: only its account and unique id prefix (AROA... role, AIDA... user) are logged.
      const uniqueId = str(identity.principalId)?.split(':')[0];
      const principalType = uniqueId?.startsWith('AROA') ? ('role' as const) : uniqueId?.startsWith('AIDA') ? ('user' as const) : ('unknown' as const);
      const id = uniqueId && account ? `${account}:${uniqueId}` : account ? `arn:aws:iam::${account}:root` : 'unknown';
      return compact({ id, type: principalType, account });
    }
    default: {
      const invokedBy = str(identity.invokedBy);
      if (invokedBy) return compact({ id: invokedBy, type: 'service' as const, account });
      return compact({ id: arn ?? 'unknown', type: 'unknown' as const, account });
    }
  }
}

/** arn:aws:sts::111122223333:assumed-role/Name/session -> arn:aws:iam::111122223333:role/Name (path unknown). */
function roleArnFromSession(arn: string | undefined): string | undefined {
  const m = arn === undefined ? null : /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(arn);
  return m ? `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : undefined;
}

const KEY_ARN = /^arn:aws[a-z-]*:kms:[^:]+:\d{12}:key\//;

/** Resolves a key id, key ARN or alias to the key ARN when the record allows it. */
export function resolveKeyArn(keyRef: string | undefined, account: string | undefined, region: string | undefined, known: string[]): string | undefined {
  if (keyRef === undefined) return undefined;
  if (KEY_ARN.test(keyRef)) return keyRef;
  const bare = keyRef.startsWith('key/') ? keyRef.slice(4) : keyRef;
  const match = known.find((arn) => arn.endsWith(`:key/${bare}`));
  if (match) return match;
  if (/^(mrk-)?[0-9a-f-]{32,36}$/.test(bare) && account && region) return `arn:aws:kms:${region}:${account}:key/${bare}`;
  return undefined;
}

function keyIds(rec: Json, account: string | undefined, region: string | undefined): { keyId?: string; others: string[] } {
  const fromResources: string[] = [];
  const resources = rec.resources;
  if (Array.isArray(resources)) {
    for (const r of resources) {
      const res = obj(r);
      const arn = res?.type === 'AWS::KMS::Key' ? str(res.ARN) : undefined;
      if (arn !== undefined) fromResources.push(arn);
    }
  }
  const params = obj(rec.requestParameters) ?? {};
  const created = str(obj(obj(rec.responseElements)?.keyMetadata)?.arn);
  const primaryRef = str(params.keyId) ?? str(params.sourceKeyId) ?? str(params.targetKeyId);
  const primary = created ?? resolveKeyArn(primaryRef, account, region, fromResources) ?? fromResources[0];
  const destination = str(params.destinationKeyId);
  const target = str(params.targetKeyId);
  // The common case (Decrypt, GenerateDataKey, ...): one key, named once.
  if (fromResources.length <= 1 && destination === undefined && target === undefined && (fromResources[0] ?? primary) === primary) return { keyId: primary, others: [] };
  const named = [destination, target].map((k) => resolveKeyArn(k, account, region, fromResources));
  const others = [...new Set([...fromResources, ...named].filter((k): k is string => k !== undefined && k !== primary))].sort();
  return { keyId: primary, others };
}

/** Parameters detections need (deletion window, policy, grantee, rotation flag, alias, key spec). */
function awsDetails(eventName: string, rec: Json): Record<string, unknown> | undefined {
  const details: Record<string, unknown> = {};
  const put = (k: string, v: unknown): void => {
    if (v !== undefined) details[k] = v;
  };
  const p = obj(rec.requestParameters);
  if (p) {
    // Only calls that change keys or access carry these; Decrypt & co. usually have none of them.
    put('pendingWindowInDays', num(p.pendingWindowInDays));
    put('policy', str(p.policy));
    put('policyName', str(p.policyName));
    put('bypassPolicyLockoutSafetyCheck', bool(p.bypassPolicyLockoutSafetyCheck));
    put('granteePrincipal', str(p.granteePrincipal));
    put('retiringPrincipal', str(p.retiringPrincipal));
    put('grantOperations', Array.isArray(p.operations) ? p.operations : undefined);
    put('aliasName', str(p.aliasName));
    put('keySpec', str(p.keySpec) ?? str(p.customerMasterKeySpec));
    put('keyUsage', str(p.keyUsage));
    put('keyOrigin', str(p.origin));
    put('multiRegion', bool(p.multiRegion));
    put('rotationPeriodInDays', num(p.rotationPeriodInDays));
  }
  put('grantId', str(p?.grantId) ?? str(obj(rec.responseElements)?.grantId));
  if (eventName === 'EnableKeyRotation') details.rotationEnabled = true;
  if (eventName === 'DisableKeyRotation') details.rotationEnabled = false;
  const source = str(rec.sourceIPAddress);
  if (source !== undefined && ipLiteral(source) === undefined) details.sourceIPAddress = source;
  put('eventType', str(rec.eventType));
  const identity = obj(rec.userIdentity);
  if (identity?.type === 'AssumedRole') put('sessionName', str(identity.arn)?.split('/').pop());
  return Object.keys(details).length > 0 ? details : undefined;
}
