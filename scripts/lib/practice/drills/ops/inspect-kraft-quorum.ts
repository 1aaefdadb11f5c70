import { parseQuorumStatus } from '../../../kafka/index.ts';
import { indent, notTried, practiceFile, practicePathForTask, removePracticeFiles, writePracticeFile } from '../kit/kit.ts';
import { criterion, type Drill } from '../kit/types.ts';

const ANSWER = 'quorum-leader.txt';

export const inspectKraftQuorum: Drill = {
  id: 'inspect-kraft-quorum',
  title: 'Find the active controller of a KRaft quorum',
  track: 'ops',
  domain: 'kraft-and-zookeeper',
  difficulty: 'easy',
  minutes: 5,
  needs: { minBrokers: 1, mode: 'kraft', security: 'any' },
  task: () =>
    [
      'Which node is the active controller (the leader of the KRaft metadata quorum) right now?',
      `Write its node id, just the number, into ${practicePathForTask(ANSWER)}.`,
    ].join('\n'),
  async setup(ctx) {
    removePracticeFiles(ctx, [ANSWER]);
    return {};
  },
  async check(ctx) {
    const answer = practiceFile(ctx, ANSWER);
    if (answer === undefined || !/^\d+$/.test(answer)) {
      return [
        criterion(`${practicePathForTask(ANSWER)} holds a node id`, false, answer === undefined ? 'no such file' : `'${answer.slice(0, 40)}' is not a whole number`),
        notTried('it is the quorum leader', 'no node id to compare'),
      ];
    }
    const status = parseQuorumStatus((await ctx.tool('kafka-metadata-quorum.sh', ['describe', '--status'])).stdout);
    return [
      criterion(`${practicePathForTask(ANSWER)} holds a node id`, true, answer),
      criterion('it is the quorum leader', Number(answer) === status.leaderId, `LeaderId ${status.leaderId} (epoch ${status.leaderEpoch}, voters [${status.voters.join(', ')}]); you wrote ${answer}`),
    ];
  },
  hints: [
    'The quorum is the controllers\' Raft group; its leader is the active controller. kafka-metadata-quorum.sh describes it.',
    'kafka-metadata-quorum.sh --bootstrap-server … --command-config … describe --status prints LeaderId, LeaderEpoch, HighWatermark and the voters (describe --replication shows each one\'s lag).',
  ],
  solution: {
    steps: ['kafka-metadata-quorum.sh describe --status           # LeaderId: N', `echo N > ${practicePathForTask(ANSWER)}`],
    async run(ctx) {
      ctx.say('$ kafka-metadata-quorum.sh describe --status');
      const out = (await ctx.tool('kafka-metadata-quorum.sh', ['describe', '--status'])).stdout;
      ctx.say(indent(out.split('\n').filter((l) => /^(LeaderId|LeaderEpoch|HighWatermark)/.test(l)).join('\n')));
      const leader = parseQuorumStatus(out).leaderId;
      ctx.say(`wrote ${leader} to ${writePracticeFile(ctx, ANSWER, String(leader))}`);
    },
  },
  explain: [
    'In KRaft the controllers form a Raft quorum over the __cluster_metadata log. The leader is the active',
    'controller: it handles every metadata change (topics, configs, ACLs, broker registrations) and the',
    'others replicate the log, ready to take over. A quorum of 3 survives one loss, 5 survives two.',
    'kafka-metadata-quorum.sh reads its state; in ZooKeeper mode the /controller znode told the same.',
  ].join('\n'),
  async reset(ctx) {
    removePracticeFiles(ctx, [ANSWER]);
  },
};
