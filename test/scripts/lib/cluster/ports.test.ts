import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { portFree, portProblems } from '../../../../scripts/lib/cluster/ports.ts';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';

function listen(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const addr = server.address();
      resolve({ server, port: typeof addr === 'object' && addr ? addr.port : 0 });
    });
  });
}

describe('ports', () => {
  it('tells a free port from one in use on 127.0.0.1', async () => {
    const { server, port } = await listen();
    try {
      expect(await portFree(port)).toBe(false);
    } finally {
      await new Promise((r) => server.close(r));
    }
    expect(await portFree(port)).toBe(true);
  });

  it('fails if a node port is already taken, naming the node, the port and the fix', async () => {
    const { server, port } = await listen();
    try {
      const cluster = resolveCluster({ name: 'clash', brokers: 2, basePort: port - 1 });
      expect(await portProblems(cluster)).toEqual([
        `'basePort' (${port - 1}): port ${port} for node 2 is already in use on 127.0.0.1 by another process: stop it, or set 'basePort' so that ports ${port - 1}..${port} move to free ones`,
      ]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
