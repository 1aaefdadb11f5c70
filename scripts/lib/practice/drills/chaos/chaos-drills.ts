/** The chaos drills: one Docker-level incident each. */
import { parseQuorumStatus } from '../../../kafka/index.ts';
import { chaosDrill, lastBroker, quorumCriteria } from '../kit/chaos.ts';
import { indent, waitFor } from '../kit/kit.ts';
import { nodeHealth } from '../kit/nodes.ts';

export const kill9Broker = chaosDrill({
  id: 'kill-9-broker',
  title: 'A broker process killed with SIGKILL',
  domain: 'replication-and-durability',
  difficulty: 'easy',
  minutes: 10,
  topic: 'chaos-kill',
  story: ['A broker of the cluster was killed with SIGKILL (kill -9: no controlled shutdown, no flush).'],
  pickVictim: lastBroker,
  disrupt: (v) => ['kill', '--signal', 'KILL', v.containerName],
  hints: [
    'Which broker id is missing? kafka-metadata-quorum.sh describe --status, kafka-topics.sh --describe --under-replicated-partitions, docker ps -a.',
    'A killed container stays down (docker kill counts as stopped on purpose, so restart: unless-stopped does not bring it back).',
    'docker start <container>; it recovers its log segments (unflushed tails are truncated and refetched from the leaders) and rejoins the ISRs.',
  ],
  steps: ['docker ps -a --filter label=dev.kafkalab.cluster=<cluster>   # one broker Exited (137)', 'docker start <container>   # log recovery, then the ISRs fill again'],
  explain: [
    'acks=all with min.insync.replicas=2 means a record is on at least two brokers before the producer hears',
    '"ok", so losing one broker, even without a flush to disk, loses nothing acknowledged. After an unclean',
    'stop the broker runs log recovery (checks and truncates the tail of unflushed segments), then truncates',
    'to the leader epoch\'s end offset and refetches: durability comes from replication, not from fsync.',
  ].join('\n'),
});

export const pauseBroker = chaosDrill({
  id: 'pause-broker',
  title: 'A frozen broker (a stop-the-world pause)',
  domain: 'monitoring-and-troubleshooting',
  difficulty: 'medium',
  minutes: 10,
  topic: 'chaos-pause',
  story: [
    'A broker froze (think of a long GC pause or a hung VM): its process exists but does nothing. Its',
    'container looks "Up" to a quick glance.',
  ],
  pickVictim: lastBroker,
  disrupt: (v) => ['pause', v.containerName],
  hints: [
    'The broker is still listed by docker ps, but is it registered? Compare kafka-metadata-quorum.sh describe --status (voters, observers) or the Isr columns with the broker ids.',
    'docker ps shows (Paused) in the STATUS column of a frozen container; docker inspect --format {{.State.Status}} says paused.',
    'docker unpause <container>: the broker resumes heartbeats, is unfenced by the controller and its replicas catch up.',
  ],
  steps: ['docker ps --filter label=dev.kafkalab.cluster=<cluster>   # one container (Paused)', 'docker unpause <container>'],
  explain: [
    'Liveness in KRaft is the broker heartbeat to the controller: after broker.session.timeout.ms (9 s) without',
    'one, the controller fences the broker, moves its leaderships and shrinks the ISRs (replica.lag.time.max.ms).',
    'A paused process holds its sockets open, so clients and monitoring that only check "is the port open" are',
    'fooled; checks that use Kafka\'s own view (registered brokers, ISR) are not.',
  ].join('\n'),
});

export const disconnectBroker = chaosDrill({
  id: 'disconnect-broker',
  title: 'A broker cut off the network',
  domain: 'monitoring-and-troubleshooting',
  difficulty: 'hard',
  minutes: 15,
  topic: 'chaos-net',
  story: ['A broker lost its network: its process runs, but it reaches no other node and no other node reaches it.'],
  pickVictim: lastBroker,
  disrupt: (v, ctx) => ['network', 'disconnect', ctx.cluster.networkName, v.containerName],
  hints: [
    'The container runs and the process is fine (docker logs shows it failing to reach the others). What is missing is in docker inspect --format \'{{json .NetworkSettings.Networks}}\'.',
    'Each node is attached to the cluster\'s network (docker network ls) under an alias, its hostname (kafka-N), which the other nodes use in their listeners and quorum voters.',
    'docker network connect --alias <hostname> <network> <container>',
  ],
  steps: ['docker inspect --format \'{{json .NetworkSettings.Networks}}\' <each container>   # one has no cluster network', 'docker network connect --alias kafka-N kafkalab-<cluster> <container>'],
  explain: [
    'A partitioned broker is fenced by the controller once its heartbeats stop, its leaderships move and the',
    'ISRs shrink, exactly as if it were down, while it still runs. When it is back it must be reachable under',
    'the name the others know (advertised listeners and controller.quorum.voters use the hostname): a network',
    'fix without the alias leaves it running and unreachable. The same happens with a wrong DNS entry.',
  ].join('\n'),
});

export const loseActiveController = chaosDrill({
  id: 'lose-active-controller',
  title: 'The active controller is lost',
  domain: 'kraft-and-zookeeper',
  difficulty: 'medium',
  minutes: 15,
  mode: 'kraft',
  topic: 'chaos-controller',
  story: [
    'The node that was the active controller (the KRaft quorum leader) has been stopped. The quorum should',
    'have elected a new leader: confirm that it did, and which node, then bring the lost node back so the',
    'quorum has all its voters caught up again.',
  ],
  async pickVictim(ctx) {
    const status = parseQuorumStatus((await ctx.tool('kafka-metadata-quorum.sh', ['describe', '--status'])).stdout);
    const node = ctx.cluster.nodes.find((n) => n.id === status.leaderId);
    if (!node) throw new Error(`quorum leader ${status.leaderId} is not a node of '${ctx.cluster.name}'`);
    return node;
  },
  disrupt: (v) => ['stop', v.containerName],
  async diagnose(ctx) {
    ctx.say('$ kafka-metadata-quorum.sh describe --status');
    const out = (await ctx.tool('kafka-metadata-quorum.sh', ['describe', '--status'])).stdout;
    ctx.say(indent(out.split('\n').filter((l) => /^(LeaderId|LeaderEpoch)/.test(l)).join('\n')));
    ctx.say(`the lost node was ${String(ctx.facts.victim)}; a new leader was elected`);
  },
  extraCriteria: quorumCriteria,
  hints: [
    'kafka-metadata-quorum.sh describe --status names the current leader and epoch (the epoch went up by one with the election); describe --replication shows which voter is far behind.',
    'docker ps -a --filter label=dev.kafkalab.cluster=<cluster>: the old leader\'s container is Exited.',
    'docker start <container>: it rejoins as a follower, catches up on __cluster_metadata, and (as a broker too, in combined mode) re-registers.',
  ],
  steps: ['kafka-metadata-quorum.sh describe --status      # a new LeaderId, LeaderEpoch + 1', 'docker start <old leader container>', 'kafka-metadata-quorum.sh describe --replication  # every voter caught up'],
  explain: [
    'The KRaft quorum is a Raft group: when followers stop hearing from the leader (controller.quorum.fetch.timeout.ms)',
    'one becomes a candidate, and the first to get a majority of votes leads the next epoch. With 3 voters one',
    'can be lost; with 2 lost there is no majority and no metadata change can happen (topics, leaders, ISRs',
    'freeze) although brokers keep serving what they lead. The returning node rejoins as a follower.',
  ].join('\n'),
});

export const loseQuorumMajority = chaosDrill({
  id: 'lose-quorum-majority',
  title: 'Two of three nodes down: the KRaft quorum has no majority',
  domain: 'kraft-and-zookeeper',
  difficulty: 'hard',
  minutes: 15,
  mode: 'kraft',
  topic: 'chaos-majority',
  story: [
    'Two of the three KRaft controller voters went down together (one power strip, two servers; in combined',
    'mode each is a broker too). One voter of three is left: no majority, no active controller, and no',
    'metadata change can happen (no leader election, no ISR change, no new topic) until a majority is back.',
  ],
  async pickVictim(ctx) {
    const voters = ctx.cluster.nodes.filter((n) => n.roles.includes('controller'));
    if (voters.length !== 3) throw new Error(`this drill needs exactly 3 KRaft controller voters; cluster '${ctx.cluster.name}' has ${voters.length}`);
    return voters.slice(1).reverse();
  },
  disrupt: (v) => ['stop', v.containerName],
  async noticed(victims, ctx) {
    // With no majority there is no controller to fence anyone: the visible fact is the stopped containers.
    const names = new Set(victims.map((v) => v.containerName));
    await waitFor(
      async () => {
        const up = (await nodeHealth(ctx.cluster)).filter((n) => names.has(n.container) && n.up);
        if (up.length > 0) throw new Error(`${up.map((n) => n.container).join(', ')} still up`);
        return true;
      },
      { what: `${[...names].join(' and ')} to be stopped`, timeoutMs: 60_000 },
    );
  },
  extraCriteria: quorumCriteria,
  hints: [
    'docker ps -a --filter label=dev.kafkalab.cluster=<cluster> shows which containers are down. On the survivor, kafka-metadata-quorum.sh describe --status times out or shows no usable leader: a quorum of 3 needs 2 voters.',
    'Bringing back one of the two restores the majority (2 of 3): a leader is elected and metadata moves again. Bring back both for full replication.',
    'docker start both containers; then kafka-metadata-quorum.sh describe --replication shows a leader and every voter caught up, and kafka-topics.sh --describe --under-replicated-partitions is empty.',
  ],
  steps: [
    'docker ps -a --filter label=dev.kafkalab.cluster=<cluster>   # two containers Exited',
    'docker start <container> <container>                        # a majority again, then all three',
    'kafka-metadata-quorum.sh describe --replication             # a leader, every voter caught up',
  ],
  explain: [
    'KRaft keeps the cluster metadata in a Raft log replicated over the controller voters; a change is',
    'committed only when a majority has it, and a leader is elected only with a majority of votes. With 3',
    'voters one may be lost, never two. Nodes that stop one after the other leave the ISRs while a majority',
    'is still there, so the survivor ends up the only in-sync replica: acks=all writes are refused',
    '(NOT_ENOUGH_REPLICAS, below min.insync.replicas=2), and with no quorum nothing can change (no failover,',
    'no new topic) until a majority is back. Restoring any one voter restores the majority. Spread the voters',
    'over failure domains (racks, power) and run 3 or 5, never 2 or 4 (no gain in fault tolerance).',
  ].join('\n'),
});
