// Shared by the GCP collector tests: a static-token auth client (no ADC, no token endpoint; the
// recipe in cloud-testing.md 3.1), endpoints pointing at the local server, a recording progress sink.
import { OAuth2Client } from 'google-auth-library';
import { parseEndpoint, type GcpEndpoints } from '../../../../src/collectors/gcp/endpoints.js';
import type { GcpAuth } from '../../../../src/collectors/gcp/transport.js';
import type { ProgressSink } from '../../../../src/collectors/progress.js';

export function staticTokenAuth(token = 'test-token'): GcpAuth {
  const client = new OAuth2Client();
  client.setCredentials({ access_token: token, expiry_date: Date.now() + 3_600_000 });
  return client;
}

export function localEndpoints(url: string): GcpEndpoints {
  return { kms: parseEndpoint('kms', url), logging: parseEndpoint('logging', url), resourcemanager: parseEndpoint('resourcemanager', url) };
}

export function recordingProgress(): ProgressSink & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    update: (source, phase, done, total) => lines.push(`update ${source} ${phase} ${done}${total !== undefined ? `/${total}` : ''}`),
    end: (source, phase, done) => lines.push(`end ${source} ${phase} ${done}`),
    note: (m) => lines.push(`note ${m}`),
    close: () => undefined,
  };
}

/** Sleeps recorded, not waited. */
export function fakeSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: (ms) => (waits.push(ms), Promise.resolve()) };
}
