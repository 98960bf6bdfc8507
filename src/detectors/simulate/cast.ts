// The simulated organisation: accounts, keys, principals, addresses and where they are.
import type { GeoInfo } from '../../geo/types.js';

export const ACCOUNTS = { prod: '111111111111', data: '222222222222', external: '999999999999' } as const;

const key = (region: string, account: string, id: string) => `arn:aws:kms:${region}:${account}:key/${id}`;

export const KEYS = {
  app: key('us-east-1', ACCOUNTS.prod, 'app'),
  batch: key('us-east-1', ACCOUNTS.prod, 'batch'),
  s3: key('us-east-1', ACCOUNTS.prod, 's3'),
  target: key('us-east-1', ACCOUNTS.prod, 'archive'),
  euData: key('eu-west-1', ACCOUNTS.data, 'data'),
  numbered: (prefix: string, i: number) => key('us-east-1', ACCOUNTS.prod, `${prefix}-${String(i).padStart(2, '0')}`),
} as const;

const role = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;
const user = (account: string, name: string) => `arn:aws:iam::${account}:user/${name}`;

export const ROLES = {
  app: role(ACCOUNTS.prod, 'app'),
  batch: role(ACCOUNTS.prod, 'nightly-batch'),
  uploader: role(ACCOUNTS.prod, 'uploader'),
  analytics: role(ACCOUNTS.data, 'analytics'),
  euApp: role(ACCOUNTS.data, 'eu-app'),
  ci: role(ACCOUNTS.prod, 'ci-deployer'),
  reporting: role(ACCOUNTS.prod, 'reporting'),
  alice: user(ACCOUNTS.prod, 'alice'),
  bob: user(ACCOUNTS.prod, 'bob'),
  carol: user(ACCOUNTS.prod, 'carol'),
  admin: user(ACCOUNTS.prod, 'admin'),
  intruder: role(ACCOUNTS.external, 'intruder'),
} as const;

export const IPS = {
  usNat: '3.5.1.10',
  vpcApp: '10.0.1.5',
  vpcBatch: '10.0.2.7',
  usAnalytics: '3.5.2.20',
  usBob: '3.5.3.30',
  usCarol: '3.5.4.40',
  usIntruder: '3.5.9.9',
  gbAlice: '81.2.69.10',
  gbCarol: '81.2.70.5',
  frApp: '2.16.5.5',
  brAttacker: '201.10.1.1',
} as const;

/** Geolocation of the simulated addresses (prefix keys end with a dot). */
export const GEO_TABLE: Record<string, GeoInfo> = {
  '3.5.': { country: 'US', city: 'Washington', lat: 38.9, lon: -77.0, asn: 14618, asOrg: 'AMAZON-AES' },
  '81.2.': { country: 'GB', city: 'London', lat: 51.5, lon: -0.1, asn: 20712, asOrg: 'Andrews & Arnold' },
  '2.16.': { country: 'FR', city: 'Paris', lat: 48.9, lon: 2.4, asn: 3215, asOrg: 'Orange' },
  '201.10.': { country: 'BR', city: 'Sao Paulo', lat: -23.5, lon: -46.6, asn: 28573, asOrg: 'Claro' },
};
