import { brokersOf, type ResolvedCluster } from '../../../stacks/model/spec.ts';
import { internalAddressOf } from '../../../stacks/render/listeners.ts';
import { adminClientPathOf } from '../../../stacks/render/admin-client.ts';
import { runtimePath } from '../../../stacks/render/secret-files.ts';
import { usesScram } from '../../../stacks/render/start-command.ts';
import { dockerExec, waitFor } from '../core/index.ts';

/**
 * Shell run inside a broker: create every SCRAM user of scram-users.txt that Kafka does not have
 * yet. Passwords stay in the container's files; nothing is printed but user names.
 */
export function renderEnsureScramUsers(cluster: ResolvedCluster, bootstrap: string, commandConfig: string = adminClientPathOf(cluster)): string {
  const tool = `kafka-configs.sh --bootstrap-server ${bootstrap} --command-config ${commandConfig}`;
  return [
    'set -euo pipefail',
    `existing=$(${tool} --describe --entity-type users)`,
    'while read -r user password; do',
    `  if ! grep -q "user-principal '$user'" <<< "$existing"; then`,
    `    ${tool} --alter --entity-type users --entity-name "$user" --add-config "${cluster.security.mechanism}=[password=$password]" > /dev/null`,
    '    echo "created $user"',
    '  fi',
    `done < ${runtimePath('scramUsers')}`,
  ].join('\n');
}

/**
 * KRaft creates SCRAM users at storage format only; users declared later are added here, through
 * a running broker. (ZooKeeper mode creates them at every broker start.) Returns the users created.
 */
export async function ensureScramUsers(cluster: ResolvedCluster, timeoutMs = 120_000, via: ResolvedCluster = cluster): Promise<string[]> {
  if (!usesScram(cluster) || cluster.mode === 'zookeeper') return [];
  const broker = brokersOf(cluster)[0]!;
  // `via`: the cluster as clients reach it now (during a live switch to SASL, the old listeners,
  // since the admin has no SCRAM credential yet on the new ones).
  const script = renderEnsureScramUsers(cluster, internalAddressOf(via, broker), adminClientPathOf(via));
  return waitFor(
    async () => {
      const out = await dockerExec(broker.containerName, ['bash', '-c', script], { timeoutMs: 90_000 });
      if (out.exitCode !== 0) throw new Error(`creating SCRAM users failed: ${out.stderr.trim().split('\n').slice(-1)[0] ?? ''}`);
      return out.stdout.split('\n').filter((l) => l.startsWith('created ')).map((l) => l.slice(8));
    },
    { what: 'the SCRAM users to exist', timeoutMs },
  );
}
