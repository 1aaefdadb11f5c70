/**
 * Preferred leader election after a broker restart: through the admin session when one is live,
 * else with kafka-leader-election.sh inside a running broker, whose output is parsed here.
 */
import { kafkaMajor } from '../../../stacks/model/versions.ts';
import { ADMIN_CLIENT_PATH, adminClientPathOf } from '../../../stacks/render/admin-client.ts';
import { internalAddressOf } from '../../../stacks/render/listeners.ts';
import { brokersOf, type ResolvedCluster } from '../../../stacks/model/spec.ts';
import { containerState, dockerExec } from '../core/index.ts';
import type { AdminSession, ElectionOutcome } from './admin-session.ts';
import { SHORT_TOOL_ENV } from './in-cluster.ts';

/** kafka-leader-election.sh for every partition whose preferred leader does not lead. 3.9 names the config flag --admin.config. */
export function leaderElectionCommand(version: ResolvedCluster['kafkaVersion'], bootstrap: string, commandConfig: string = ADMIN_CLIENT_PATH): string[] {
  return [
    'kafka-leader-election.sh',
    '--bootstrap-server', bootstrap,
    kafkaMajor(version) >= 4 ? '--command-config' : '--admin.config', commandConfig,
    '--election-type', 'PREFERRED',
    '--all-topic-partitions',
  ];
}

/**
 * The tool's stdout: "Successfully completed leader election (PREFERRED) for partitions a-0, b-1"
 * and one "Error completing leader election (PREFERRED) for partition: a-2: <Exception>: <why>"
 * per failure. Nothing at all when every preferred leader already leads.
 */
export function parseLeaderElection(text: string): ElectionOutcome {
  const elected: string[] = [];
  const failed: string[] = [];
  for (const line of text.split('\n')) {
    const ok = /^Successfully completed leader election \(\w+\) for partitions (.+)$/.exec(line.trim());
    if (ok) elected.push(...ok[1]!.split(',').map((p) => p.trim()).filter(Boolean));
    const bad = /^Error completing leader election \(\w+\) for partition: ([^:]+): (?:[\w.$]+: )?(.*)$/.exec(line.trim());
    if (bad) failed.push(`${bad[1]}: ${bad[2]}`);
  }
  return { elected, failed };
}

/**
 * Run a preferred leader election: through the admin session when one is live, else with the CLI
 * tool inside a running broker's container (the restarted one last).
 */
export async function electPreferredLeaders(cluster: ResolvedCluster, avoid?: string, admin?: AdminSession): Promise<ElectionOutcome> {
  if (admin?.alive()) {
    try {
      return await admin.electPreferred();
    } catch (error) {
      return { elected: [], failed: [`preferred leader election through ${admin.container} failed: ${(error as Error).message.split('\n')[0]}`] };
    }
  }
  const brokers = brokersOf(cluster);
  const ordered = [...brokers.filter((b) => b.containerName !== avoid), ...brokers.filter((b) => b.containerName === avoid)];
  for (const b of ordered) {
    if (!(await containerState(b.containerName))?.running) continue;
    const out = await dockerExec(b.containerName, leaderElectionCommand(cluster.kafkaVersion, internalAddressOf(cluster, b), adminClientPathOf(cluster)), { timeoutMs: 90_000, env: SHORT_TOOL_ENV });
    const outcome = parseLeaderElection(out.stdout);
    if (out.exitCode === 0 || outcome.failed.length > 0 || outcome.elected.length > 0) return outcome;
    return { elected: [], failed: [`kafka-leader-election in ${b.containerName} failed: ${out.stderr.trim().split('\n').slice(-1)[0] ?? ''}`] };
  }
  return { elected: [], failed: ['no broker container is running'] };
}
