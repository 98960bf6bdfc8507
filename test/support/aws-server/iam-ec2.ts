// Fake EC2 DescribeRegions (ec2 query protocol) and IAM GetAccountAuthorizationDetails (awsQuery),
// both form-encoded POSTs answered in XML. The account is the caller's, or `<account>` for requests
// signed with `ASIA<account>` keys (fan-out). Policy documents are URL-encoded as IAM returns them.
import { AwsHandlerError, awsError, type AwsJsonServer, type LoggedRequest } from './server.js';

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const accountOf = (req: LoggedRequest, caller: string) => (req.accessKeyId?.startsWith('ASIA') === true ? req.accessKeyId.slice(4) : caller);

/** Region name → opt-in status, per account (missing account: `default`). */
export function installFakeRegions(server: AwsJsonServer, caller: string, regions: Record<string, Record<string, string>>): void {
  server.handlers.set('Query.DescribeRegions', (_body, req) => {
    const list = regions[accountOf(req, caller)] ?? regions['default'] ?? {};
    const items = Object.entries(list)
      .filter(([, status]) => status !== 'not-opted-in')
      .map(([name, status]) => `<item><regionName>${name}</regionName><regionEndpoint>ec2.${name}.amazonaws.com</regionEndpoint><optInStatus>${status}</optInStatus></item>`);
    return `<DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>test</requestId><regionInfo>${items.join('')}</regionInfo></DescribeRegionsResponse>`;
  });
}

export interface FakeIamIdentity {
  kind: 'User' | 'Group' | 'Role';
  name: string;
  inline?: Record<string, unknown>;
  attached?: string[];
}

export interface FakeIamAccount {
  identities: FakeIamIdentity[];
  /** Customer-managed policies: ARN → document. */
  policies: Record<string, unknown>;
}

const encode = (doc: unknown) => xml(encodeURIComponent(JSON.stringify(doc)));

function identityXml(account: string, id: FakeIamIdentity): string {
  const arn = `arn:aws:iam::${account}:${id.kind.toLowerCase()}/${id.name}`;
  const inline = Object.entries(id.inline ?? {}).map(([n, d]) => `<member><PolicyName>${n}</PolicyName><PolicyDocument>${encode(d)}</PolicyDocument></member>`).join('');
  const attached = (id.attached ?? []).map((a) => `<member><PolicyName>${a.split('/').pop()}</PolicyName><PolicyArn>${a}</PolicyArn></member>`).join('');
  return `<member><${id.kind}Name>${id.name}</${id.kind}Name><${id.kind}Id>AID${id.name}</${id.kind}Id><Arn>${arn}</Arn><Path>/</Path><${id.kind}PolicyList>${inline}</${id.kind}PolicyList><AttachedManagedPolicies>${attached}</AttachedManagedPolicies></member>`;
}

/** Pages by MaxItems/Marker over identities then policies, as IAM does (IsTruncated + Marker). */
export function installFakeIam(server: AwsJsonServer, caller: string, accounts: Record<string, FakeIamAccount>, maxPage = 100, deny: Set<string> = new Set()): void {
  server.handlers.set('Query.GetAccountAuthorizationDetails', (body, req) => {
    const account = accountOf(req, caller);
    if (deny.has(account)) {
      throw new AwsHandlerError(awsError('AccessDenied', `User: arn:aws:sts::${account}:assumed-role/r/keywarden is not authorized to perform: iam:GetAccountAuthorizationDetails`, 403));
    }
    const a = accounts[account] ?? { identities: [], policies: {} };
    const entries: { list: string; xml: string }[] = [
      ...a.identities.map((i) => ({ list: i.kind === 'User' ? 'UserDetailList' : i.kind === 'Group' ? 'GroupDetailList' : 'RoleDetailList', xml: identityXml(account, i) })),
      ...Object.entries(a.policies).map(([arn, doc]) => ({
        list: 'Policies',
        xml: `<member><PolicyName>${arn.split('/').pop()}</PolicyName><PolicyId>ANPA</PolicyId><Arn>${arn}</Arn><Path>/</Path><DefaultVersionId>v2</DefaultVersionId><AttachmentCount>1</AttachmentCount><IsAttachable>true</IsAttachable><PolicyVersionList><member><Document>${encode({ Statement: [] })}</Document><VersionId>v1</VersionId><IsDefaultVersion>false</IsDefaultVersion></member><member><Document>${encode(doc)}</Document><VersionId>v2</VersionId><IsDefaultVersion>true</IsDefaultVersion></member></PolicyVersionList></member>`,
      })),
    ];
    const start = typeof body['Marker'] === 'string' ? Number(body['Marker']) : 0;
    const size = Math.min(body['MaxItems'] !== undefined ? Number(body['MaxItems']) : 100, maxPage);
    const slice = entries.slice(start, start + size);
    const lists = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'].map((l) => `<${l}>${slice.filter((e) => e.list === l).map((e) => e.xml).join('')}</${l}>`).join('');
    const more = start + size < entries.length;
    return `<GetAccountAuthorizationDetailsResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetAccountAuthorizationDetailsResult><IsTruncated>${more}</IsTruncated>${more ? `<Marker>${start + size}</Marker>` : ''}${lists}</GetAccountAuthorizationDetailsResult><ResponseMetadata><RequestId>test</RequestId></ResponseMetadata></GetAccountAuthorizationDetailsResponse>`;
  });
}
