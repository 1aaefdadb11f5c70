/** ZooKeeper's own view of each server (leader, follower, standalone, observer or down), from the `srvr` four-letter word. */
import { CONTAINER_PORTS } from '../../../stacks/model/limits.ts';
import type { ResolvedZooKeeper } from '../../../stacks/model/spec.ts';
import { dockerExec } from '../core/index.ts';

export type ZooKeeperMode = 'leader' | 'follower' | 'standalone' | 'observer' | 'down';

/** `Mode:` from the `srvr` four-letter word's answer. */
export function parseSrvrMode(text: string): ZooKeeperMode {
  const m = /^Mode:\s*(\w+)/m.exec(text);
  const mode = m?.[1];
  return mode === 'leader' || mode === 'follower' || mode === 'standalone' || mode === 'observer' ? mode : 'down';
}

/** Ask each server `srvr` over its client port, from inside its own container. */
export async function zookeeperModes(servers: readonly ResolvedZooKeeper[]): Promise<{ hostname: string; mode: ZooKeeperMode }[]> {
  return Promise.all(
    servers.map(async (s) => {
      const out = await dockerExec(s.containerName, [
        'bash',
        '-c',
        `exec 3<>/dev/tcp/127.0.0.1/${CONTAINER_PORTS.zookeeperClient} && printf srvr >&3 && cat <&3`,
      ], { timeoutMs: 10_000 });
      return { hostname: s.hostname, mode: out.exitCode === 0 ? parseSrvrMode(out.stdout) : 'down' };
    }),
  );
}
