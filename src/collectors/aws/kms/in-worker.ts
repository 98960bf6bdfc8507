// Several account+Region pairs read at once are CPU-bound in the SDK (about 1 ms of CPU per call at
// KMS quota rates, ~2,000 calls/s for 3 Regions), so each pair can run in its own worker thread.
// Only when running from the built JavaScript (a worker needs a .js entry), with credentials that can
// be copied to a thread (a static identity, a profile or the default chain; not a provider function)
// and with the real clock (tests with an injected clock stay in-process).
import { Worker } from 'node:worker_threads';
import type { AwsClientOptions } from '../client-config.js';
import type { KmsCollected } from './collect.js';
import type { KmsReadOptions } from './read.js';

export interface KmsWorkerData {
  account: string;
  client: Omit<AwsClientOptions, 'retryMode'>;
  rates?: Record<string, number>;
  read: Omit<KmsReadOptions, 'onProgress'>;
}

const WORKER_ENTRY = new URL('./region-worker.js', import.meta.url);

/** True when `client` options can be sent to a worker and a built worker entry exists. */
export function canReadInWorker(client: AwsClientOptions): boolean {
  if (!import.meta.url.endsWith('.js')) return false;
  const c = client.credentials;
  return c === undefined || (typeof c === 'object' && c !== null && typeof (c as { accessKeyId?: unknown }).accessKeyId === 'string');
}

export function collectKmsRegionInWorker(data: KmsWorkerData, onProgress?: (done: number, total: number) => void, signal?: AbortSignal): Promise<KmsCollected> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_ENTRY, { workerData: data });
    let settled = false;
    signal?.addEventListener('abort', () => void worker.terminate(), { once: true });
    worker.on('message', (m: { progress?: [number, number]; result?: KmsCollected; error?: string }) => {
      if (m.progress !== undefined) onProgress?.(m.progress[0], m.progress[1]);
      else if (m.result !== undefined) {
        settled = true;
        resolve(m.result);
      } else if (m.error !== undefined) {
        settled = true;
        reject(new Error(m.error));
      }
    });
    worker.on('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`KMS worker for ${data.account} ${data.client.region} exited with code ${code}`));
    });
  });
}
