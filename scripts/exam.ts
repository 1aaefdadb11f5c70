#!/usr/bin/env -S npx tsx
import { randomBytes } from 'node:crypto';
import { COMMANDS, EXAM_STATS, runMain } from './lib/core/index.ts';
import { availableItems, bankStats, clusterDrillRunner, examOptions, historyPath, loadBank, NO_DRILLS, registryDrillSource, renderReport, renderStats, runExam, terminalDriver, terminalWidth, TRACK_TITLES, TRACKS } from './lib/practice/index.ts';
import { clusterFromFlag, clusterRunning } from './lib/lifecycle/index.ts';
import { EXIT } from '../stacks/model/errors.ts';

const argv = process.argv.slice(2);

if (argv[0] === 'stats') {
  await runMain(
    EXAM_STATS,
    // Corrupt question files or history: ExamDataError names the file and line (exit 1, no stack trace).
    async (flags) => {
        const stats = bankStats(loadBank().questions);
        process.stdout.write(flags.json ? `${JSON.stringify(stats, null, 2)}\n` : renderStats(stats));
        return EXIT.ok;
    },
    argv.slice(1),
  );
} else {
  await runMain(
    COMMANDS.exam,
    // Corrupt question files or history: ExamDataError names the file and line (exit 1, no stack trace).
    async (flags) => {
        const bank = loadBank();
        // Drills run on a running cluster: --cluster, else the default one when it runs.
        const { cluster } = clusterFromFlag(flags.cluster);
        const running = await clusterRunning(cluster);
        if (flags.cluster && !running) {
          process.stderr.write(`exam: cluster '${cluster.name}' is not running: start it with npm run up -- --cluster ${flags.cluster}, or drop --cluster for questions only\n`);
          return EXIT.failed;
        }
        const drills = running ? registryDrillSource(cluster) : NO_DRILLS;
        const note = running
          ? `hands-on drills run on cluster '${cluster.name}': work on them in another terminal, with any tool\n`
          : `no running cluster '${cluster.name}': questions only (npm run up starts it, and the exam then mixes in hands-on drills)\n`;
        const available = Object.fromEntries(TRACKS.map((t) => [t, availableItems(bank.questions, drills(t), t)])) as Record<(typeof TRACKS)[number], number>;
        const options = examOptions(flags, available, () => randomBytes(3).toString('hex'));
        const ui = options.json ? process.stderr : process.stdout;
        const { report, previous } = await runExam({
          questions: bank.questions,
          options,
          driver: terminalDriver(ui, running ? clusterDrillRunner(flags.cluster) : undefined),
          historyFile: historyPath(),
          drills,
          onStart: (n) =>
            ui.write(`${TRACK_TITLES[options.track]}: ${n} items in ${options.minutes} min, seed ${options.seed} (replay with --seed ${options.seed})\n${note}Ctrl+C ends the exam early; it is still scored.\n`),
        });
        if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else process.stdout.write(`\n${renderReport(report, previous, terminalWidth())}`);
        return EXIT.ok;
    },
  );
}
