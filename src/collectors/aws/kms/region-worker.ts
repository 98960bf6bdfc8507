// Worker-thread entry: reads KMS for one account+Region (see ./in-worker.ts). The worker builds its own
// guarded, paced client: KMS quotas are per account and Region, so its pacers are exactly the ones an
// in-process read would use. Posts { progress: [done, total] } while reading (at most every 100 ms,
// and at the end), then { result } or { error }.
import { parentPort, workerData } from 'node:worker_threads';
import { kmsClient } from '../kms-client.js';
import { realPaceClock } from '../pace.js';
import { collectKmsRegion } from './collect.js';
import { paceKmsClient } from './quotas.js';
import type { KmsWorkerData } from './in-worker.js';

const data = workerData as KmsWorkerData;
const PROGRESS_INTERVAL_MS = 100;
let lastProgressAt = Number.NEGATIVE_INFINITY;
const client = paceKmsClient(kmsClient({ ...data.client, retryMode: 'standard' }), { clock: realPaceClock, ...(data.rates !== undefined ? { rates: data.rates } : {}) });
try {
  const result = await collectKmsRegion({ account: data.account, region: data.client.region, client }, {
    ...data.read,
    onProgress: (done, total) => {
      // One message per key costs the sending thread and the main thread a structured clone each: at
      // most ten a second (and always the last) are enough for a progress display.
      const now = realPaceClock.now();
      if (done < total && now - lastProgressAt < PROGRESS_INTERVAL_MS) return;
      lastProgressAt = now;
      parentPort?.postMessage({ progress: [done, total] });
    },
  });
  parentPort?.postMessage({ result });
} catch (err) {
  parentPort?.postMessage({ error: err instanceof Error ? err.message : String(err) });
} finally {
  client.destroy();
}
