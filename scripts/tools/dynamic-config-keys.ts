#!/usr/bin/env -S npx tsx
/**
 * Print each Kafka version's dynamic broker configs and their update mode, as the version's own
 * DynamicBrokerConfig reports them, from the jars setup cached (run npm run setup first). This is
 * how stacks/model/dynamic-keys.ts was made; run it after adding a Kafka version.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { $ } from 'zx';
import { jarsDir } from '../lib/engine/index.ts';
import { KAFKA_VERSIONS } from '../../stacks/model/versions.ts';

// 4.x moved the class to Java (org.apache.kafka.server.config); 3.9 has it in Scala (kafka.server).
const sources: Record<string, string> = {
  '4': 'org.apache.kafka.server.config.DynamicBrokerConfig.dynamicConfigUpdateModes()',
  '3': 'kafka.server.DynamicBrokerConfig$.MODULE$.dynamicConfigUpdateModes()',
};

for (const version of KAFKA_VERSIONS) {
  const dir = jarsDir(version);
  const classpath = readdirSync(dir).filter((f) => f.endsWith('.jar')).map((f) => join(dir, f)).join(':');
  const script = join(tmpdir(), `kafkalab-dynamic-${version}.jsh`);
  writeFileSync(script, [
    `var m = new java.util.TreeMap<String, String>(${sources[version[0]!]});`,
    'm.forEach((k, v) -> System.out.println("MODE " + k + " " + v));',
    '/exit',
  ].join('\n'));
  const out = await $({ quiet: true })`jshell --class-path ${classpath} ${script}`;
  const rows = out.stdout.split('\n').filter((l) => l.startsWith('MODE ')).map((l) => l.split(' ').slice(1));
  console.log(JSON.stringify({ version, clusterWide: rows.filter((r) => r[1] === 'cluster-wide').map((r) => r[0]), perBroker: rows.filter((r) => r[1] === 'per-broker').map((r) => r[0]) }));
}
