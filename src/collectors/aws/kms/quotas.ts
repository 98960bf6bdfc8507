// Client-side pacing at KMS's request quotas (per account and Region, per operation), so a large
// scan runs at the quota instead of bouncing off ThrottlingException and backing off. Quotas:
// https://docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html (values as read in
// 2026; adjustable per account, hence `rates`). Other callers share the quota, so keywarden uses a
// share of it (default 90%).
import type { GuardableClient } from '../guard.js';
import { createPacer, type PaceClock } from '../pace.js';

export const KMS_DOCUMENTED_QUOTAS: Readonly<Record<string, number>> = {
  DescribeKey: 2000,
  GetKeyPolicy: 1000,
  GetKeyRotationStatus: 1000,
  ListAliases: 500,
  ListKeys: 500,
  ListGrants: 100,
  ListKeyPolicies: 100,
};

/** Operations without a documented figure are paced at this rate (conservative). */
export const KMS_UNDOCUMENTED_QUOTA = 100;

export interface KmsPacingOptions {
  /** requests/s per operation, overriding the documented quotas. */
  rates?: Readonly<Record<string, number>>;
  /** Fraction of each quota keywarden uses. Default 0.9. */
  share?: number;
  /** Requests one operation may send back to back after a pause. Default 2. */
  burst?: number;
  clock: PaceClock;
}

export function kmsRate(operation: string, options: Pick<KmsPacingOptions, 'rates' | 'share'> = {}): number {
  const quota = options.rates?.[operation] ?? KMS_DOCUMENTED_QUOTAS[operation] ?? KMS_UNDOCUMENTED_QUOTA;
  return quota * (options.share ?? 0.9);
}

/** Adds per-operation pacing to one KMS client (one client per account+Region). */
export function paceKmsClient<C extends GuardableClient>(client: C, options: KmsPacingOptions): C {
  const pacers = new Map<string, () => Promise<void>>();
  const pacerFor = (operation: string) => {
    let pacer = pacers.get(operation);
    if (pacer === undefined) {
      pacer = createPacer(kmsRate(operation, options), options.clock, options.burst ?? 2);
      pacers.set(operation, pacer);
    }
    return pacer;
  };
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      await pacerFor((context.commandName ?? '').replace(/Command$/, ''))();
      return next(args);
    },
    // After the read-only guard (priority high), before serialisation.
    { step: 'initialize', name: 'keywardenKmsPacing', priority: 'low', override: true },
  );
  return client;
}
