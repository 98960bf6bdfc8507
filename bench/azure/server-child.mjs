// The bench's local Azure, in a child process so that serving does not share the collector's CPU time.
import { generatedEstate } from '../../test/support/azure-server/estate.mjs';
import { startAzureServer } from '../../test/support/azure-server/server.mjs';

process.on('message', async (msg) => {
  if (msg.start) {
    const server = await startAzureServer(generatedEstate(msg.start), { latencyMs: msg.start.latencyMs });
    process.on('message', async (m) => {
      if (m.stats) {
        const byKind = {};
        for (const r of server.requests) {
          const kind = r.server === 'arm' ? (r.path.endsWith('/query') ? 'logs' : 'arm') : !r.authorized ? 'challenge (401)' : /\/keys$/.test(r.path) ? 'list keys' : /\/rotationpolicy$/.test(r.path) ? 'rotation policy' : /\/versions$/.test(r.path) ? 'versions' : 'get key';
          byKind[kind] = (byKind[kind] ?? 0) + 1;
        }
        process.send({ stats: { total: server.requests.length, byKind, writes: server.requests.filter((r) => r.method !== 'GET').length } });
      }
      if (m.stop) {
        await server.close();
        process.exit(0);
      }
    });
    process.send({ armEndpoint: server.armEndpoint, logsEndpoint: server.logsEndpoint, ca: server.ca });
  }
});
