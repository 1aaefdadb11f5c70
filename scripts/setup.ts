#!/usr/bin/env -S npx tsx
import { KAFKA_VERSIONS, isKafkaVersion, type KafkaVersion } from '../stacks/model/versions.ts';
import { COMMANDS, runMain } from './lib/core/index.ts';
import { runSetup } from './lib/engine/index.ts';
import { UsageError } from '../stacks/model/errors.ts';

await runMain(
  COMMANDS.setup,
  async (flags) => {
    const asked = flags.version ?? [...KAFKA_VERSIONS];
    const bad = asked.filter((v) => !isKafkaVersion(v));
    if (bad.length > 0) throw new UsageError(`'--version' (${bad.join(', ')}) is not supported: use one of ${KAFKA_VERSIONS.join(', ')}`);
    const r = await runSetup(asked as KafkaVersion[], (line) => console.log(`✔ ${line}`));
    console.log(`setup done in ${r.seconds.toFixed(1)}s`);
    console.log(`to run cdktf yourself: export TF_CLI_CONFIG_FILE=${r.cliConfig}`);
  },
);
