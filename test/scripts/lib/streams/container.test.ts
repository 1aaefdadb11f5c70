import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { $ } from 'zx';
import {
  STREAMS_APPS,
  guaranteeInProperties,
  renderStreamsProperties,
  renderStreamsStartScript,
  streamsContainerName,
  streamsCreateArgs,
  streamsFilesTar,
  streamsJavaCommand,
} from '../../../../scripts/lib/streams/index.ts';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';

const app = STREAMS_APPS['order-totals']!;
const cluster = resolveCluster({ name: 'kraft-3' });

const propsOf = (text: string): Record<string, string> =>
  Object.fromEntries(text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));

describe('a Streams app container', () => {
  it('is named under the cluster and labelled for down, on the cluster network, root only for the start script', () => {
    expect(streamsContainerName(cluster, app)).toBe('kafkalab-kraft-3-streams-order-totals');
    const args = streamsCreateArgs(cluster, app, 'kafkalab/kafka:4.4.0-abc');
    expect(args).toEqual([
      'create',
      '--name', 'kafkalab-kraft-3-streams-order-totals',
      '--hostname', 'streams-order-totals',
      '--label', 'dev.kafkalab.cluster=kraft-3',
      '--label', 'dev.kafkalab.roles=streams',
      '--network', 'kafkalab-kraft-3',
      '--network-alias', 'streams-order-totals',
      '--user', '0:0',
      '--restart', 'unless-stopped',
      '--stop-timeout', '30',
      'kafkalab/kafka:4.4.0-abc',
      'bash', '/opt/kafkalab/streams/start.sh',
    ]);
    // No secret and no environment on its command line.
    expect(args.join(' ')).not.toMatch(/password|-e |--env/);
  });

  it('its config: exactly once, internal topics replicated like the cluster\'s, the admin by file references', () => {
    const props = propsOf(renderStreamsProperties(cluster, app));
    expect(props).toMatchObject({
      'application.id': 'kafkalab-order-totals',
      'bootstrap.servers': 'kafkalab-kraft-3-kafka-1:9092,kafkalab-kraft-3-kafka-2:9092,kafkalab-kraft-3-kafka-3:9092',
      'processing.guarantee': 'exactly_once_v2',
      'replication.factor': '3',
      'state.dir': '/var/lib/kafka/streams',
      'kafkalab.input.topic': 'orders-in',
      'kafkalab.output.topic': 'customer-totals',
      'security.protocol': 'SASL_SSL',
      'ssl.truststore.location': '/run/kafkalab/truststore.pem',
      'sasl.mechanism': 'SCRAM-SHA-512',
    });
    expect(props['sasl.jaas.config']).toContain('${file:/run/kafkalab/passwords.properties:');
    expect(propsOf(renderStreamsProperties(cluster, app, 'at_least_once'))['processing.guarantee']).toBe('at_least_once');
    expect(guaranteeInProperties(renderStreamsProperties(cluster, app, 'at_least_once'))).toBe('at_least_once');
    expect(guaranteeInProperties(renderStreamsProperties(cluster, app))).toBe('exactly_once_v2');
    expect(guaranteeInProperties('application.id=x\n')).toBeUndefined();
    const plain = propsOf(renderStreamsProperties(resolveCluster({ name: 'one', brokers: 1, security: { mode: 'plaintext' } }), app));
    expect(plain['security.protocol']).toBe('PLAINTEXT');
    expect(plain['replication.factor']).toBe('1');
    expect(plain['sasl.jaas.config']).toBeUndefined();
  });

  it('its JVM: the image\'s jars, the Streams jars and the class; logging by the Kafka line', () => {
    const cmd = streamsJavaCommand('4.4.0', app);
    expect(cmd.slice(-4)).toEqual(['/opt/kafka/libs/*:/opt/kafkalab/streams/libs/*:/opt/kafkalab/streams', 'KafkalabOrderTotals', '/opt/kafkalab/streams/streams.properties', '8080']);
    expect(cmd).toContain('-Dlog4j2.configurationFile=/opt/kafka/config/tools-log4j2.xml');
    expect(cmd).toContain('-XX:+ExitOnOutOfMemoryError');
    expect(streamsJavaCommand('3.9.1', app)).toContain('-Dlog4j.configuration=file:/opt/kafka/config/tools-log4j.properties');
    expect(() => streamsJavaCommand('4.4.0', app, 0)).toThrow("a Streams app's port must be 1-65535, not 0");
  });

  it('its start script hands the secrets to the kafka user, then runs the JVM as that user', () => {
    const script = renderStreamsStartScript(cluster, app);
    expect(script.split('\n').slice(0, 3)).toEqual(['#!/bin/bash', '# rendered by kafkalab: Kafka Streams app order-totals of cluster kraft-3', 'set -euo pipefail']);
    expect(script).toContain('install -o 1000 -g 1000 -m 0600 "$f" /run/kafkalab/');
    expect(script).toContain('exec setpriv --reuid=1000 --regid=1000 --clear-groups -- bash "$0" "$@"');
    expect(script.indexOf('setpriv')).toBeLessThan(script.indexOf('exec java'));
    expect(script).toContain("-cp '/opt/kafka/libs/*:/opt/kafkalab/streams/libs/*:/opt/kafkalab/streams' KafkalabOrderTotals");
  });
});

describe('streamsFilesTar', () => {
  const root = mkdtempSync(join(tmpdir(), 'kafkalab-streams-tar-'));
  const stateDir = join(root, 'state');
  const jars = join(root, 'jars');
  const classFile = join(root, 'KafkalabOrderTotals.class');

  beforeAll(() => {
    vi.stubEnv('KAFKALAB_STATE_DIR', stateDir);
    const secrets = join(stateDir, 'clusters', 'kraft-3', 'secrets');
    mkdirSync(join(secrets, 'pki'), { recursive: true });
    mkdirSync(join(secrets, 'client'), { recursive: true });
    writeFileSync(join(secrets, 'pki', 'truststore.pem'), 'CA');
    writeFileSync(join(secrets, 'client', 'passwords.properties'), 'password.admin=secret');
    mkdirSync(jars);
    writeFileSync(join(jars, 'kafka-streams-4.4.0.jar'), 'jar');
    writeFileSync(join(jars, '.complete'), '');
    writeFileSync(classFile, 'class');
  });

  afterAll(() => {
    vi.unstubAllEnvs();
    rmSync(root, { recursive: true, force: true });
  });

  it('carries the guarantee asked for in its config', async () => {
    const tar = streamsFilesTar(cluster, app, { classFile, jarsDir: jars }, 'at_least_once');
    const config = (await $({ input: tar, quiet: true })`tar -xO -f - opt/kafkalab/streams/streams.properties`).stdout;
    expect(guaranteeInProperties(config)).toBe('at_least_once');
  });

  it('holds the secrets root-only in the upload folder, and the app\'s files root\'s and readable; nothing else of the image', async () => {
    const tar = streamsFilesTar(cluster, app, { classFile, jarsDir: jars });
    const listing = (await $({ input: tar, quiet: true })`tar -tv --numeric-owner -f -`).stdout.trim().split('\n');
    const rows = listing.map((l) => {
      const f = l.trim().split(/\s+/);
      return `${f[0]} ${f[1]} ${f[f.length - 1]}`;
    });
    expect(rows.sort()).toEqual(
      [
        'drwx------ 0/0 opt/kafka/secrets/',
        '-rw------- 0/0 opt/kafka/secrets/passwords.properties',
        '-rw------- 0/0 opt/kafka/secrets/truststore.pem',
        'drwxr-xr-x 0/0 opt/kafkalab/streams/',
        '-rw-r--r-- 0/0 opt/kafkalab/streams/KafkalabOrderTotals.class',
        'drwxr-xr-x 0/0 opt/kafkalab/streams/libs/',
        '-rw-r--r-- 0/0 opt/kafkalab/streams/libs/kafka-streams-4.4.0.jar',
        '-rwxr-xr-x 0/0 opt/kafkalab/streams/start.sh',
        '-rw-r--r-- 0/0 opt/kafkalab/streams/streams.properties',
      ].sort(),
    );
  });
});
