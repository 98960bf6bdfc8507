// Worker-thread entry: reads KMS for one account+Region (see ./in-worker.ts). The worker builds its own
// guarded, paced client: KMS quotas are per account and Region, so its pacers are exactly the ones an
// in-process read would use. Posts { progress: [done, total] } while reading, then { result } or { error }.
import { parentPort, workerData } from 'node:worker_threads';
import { kmsClient } from '../kms-client.js';
import { realPaceClock } from '../pace.js';
import { collectKmsRegion } from './collect.js';
import { paceKmsClient } from './quotas.js';
import type { KmsWorkerData } from './in-worker.js';

const data = workerData as KmsWorkerData;
const client = paceKmsClient(kmsClient({ ...data.client, retryMode: 'standard' }), { clock: realPaceClock, ...(data.rates !== undefined ? { rates: data.rates } : {}) });
try {
  const result = await collectKmsRegion({ account: data.account, region: data.client.region, client }, {
    ...data.read,
    onProgress: (done, total) => parentPort?.postMessage({ progress: [done, total] }),
  });
  parentPort?.postMessage({ result });
} catch (err) {
  parentPort?.postMessage({ error: err instanceof Error ? err.message : String(err) });
} finally {
  client.destroy();
}
