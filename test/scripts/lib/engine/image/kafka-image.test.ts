import { describe, expect, it } from 'vitest';
import {
  DEFAULT_KAFKA_VERSION,
  KAFKA_VERSIONS,
  LAUNCHERS,
  type LauncherSpec,
  baseImageTag,
  baseRecipeHash,
  checkJarSet,
  classNamesOf,
  jarsDir,
  jarsHash,
  kafkaImageTag,
  logConfigOption,
  loggingFlavor,
  recipeFiles,
  recipeHash,
  renderLaunchers,
  renderTemplate,
  resolveClass,
  resolveLaunchers,
  zipEntryNames,
} from '../../../../../scripts/lib/engine/image/kafka-image.ts';
import { StepError } from '../../../../../stacks/model/errors.ts';


/** Every launcher class, as found where Kafka 4.x keeps it. */
const classes4 = new Set([
  'kafka.Kafka',
  'kafka.tools.StorageTool',
  'org.apache.kafka.tools.TopicCommand',
  'org.apache.kafka.tools.ConfigCommand',
  'org.apache.kafka.tools.AclCommand',
  'org.apache.kafka.tools.MetadataQuorumCommand',
  'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand',
  'org.apache.kafka.tools.ConsoleProducer',
  'org.apache.kafka.tools.consumer.ConsoleConsumer',
  'org.apache.kafka.tools.ProducerPerformance',
  'org.apache.kafka.tools.ConsumerPerformance',
  'org.apache.kafka.tools.reassign.ReassignPartitionsCommand',
  'org.apache.kafka.tools.LeaderElectionCommand',
  'org.apache.kafka.tools.BrokerApiVersionsCommand',
  'org.apache.kafka.tools.GetOffsetShell',
  'org.apache.kafka.tools.LogDirsCommand',
  'org.apache.kafka.tools.DeleteRecordsCommand',
  'org.apache.kafka.tools.DumpLogSegments',
  'org.apache.kafka.tools.VerifiableProducer',
  'org.apache.kafka.tools.VerifiableConsumer',
  'org.apache.kafka.tools.TransactionsCommand',
  'org.apache.kafka.tools.FeatureCommand',
]);

/** The same for 3.9: some classes still in kafka.admin / kafka.tools, and ZooKeeper present. */
const classes39 = new Set(
  [...classes4]
    .map((c) =>
      c
        .replace('org.apache.kafka.tools.ConfigCommand', 'kafka.admin.ConfigCommand')
        .replace('org.apache.kafka.tools.AclCommand', 'kafka.admin.AclCommand')
        .replace('org.apache.kafka.tools.ConsoleProducer', 'kafka.tools.ConsoleProducer')
        .replace('org.apache.kafka.tools.BrokerApiVersionsCommand', 'kafka.admin.BrokerApiVersionsCommand')
        .replace('org.apache.kafka.tools.DumpLogSegments', 'kafka.tools.DumpLogSegments'),
    )
    .concat(['org.apache.zookeeper.server.quorum.QuorumPeerMain', 'kafka.admin.FeatureCommand']),
);

/** A zip with stored, empty entries; `extra` adds an extra field and a comment to each entry. */
function makeZip(names: readonly string[], extra = false): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const n of names) {
    const name = Buffer.from(n);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra ? 4 : 0, 30);
    central.writeUInt16LE(extra ? 3 : 0, 32);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name, Buffer.from(extra ? [0xfe, 0xca, 0, 0] : []), Buffer.from(extra ? 'abc' : ''));
    offset += 30 + name.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(names.length, 8);
  eocd.writeUInt16LE(names.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

describe('versions', () => {
  it('lists 4.4.0 first and defaults to it', () => {
    expect(KAFKA_VERSIONS).toEqual(['4.4.0', '3.9.1']);
    expect(DEFAULT_KAFKA_VERSION).toBe('4.4.0');
  });

  it('logs through log4j2 from 4.x and log4j 1 syntax before', () => {
    expect(loggingFlavor('4.4.0')).toBe('log4j2');
    expect(loggingFlavor('3.9.1')).toBe('log4j1');
  });
});

describe('recipe hash and tags', () => {
  it('is 12 hex digits and stable across calls', () => {
    for (const v of KAFKA_VERSIONS) {
      expect(recipeHash(v)).toMatch(/^[0-9a-f]{12}$/);
      expect(recipeHash(v)).toBe(recipeHash(v));
    }
    expect(baseRecipeHash()).toBe(baseRecipeHash());
  });

  it('differs between versions', () => {
    expect(recipeHash('4.4.0')).not.toBe(recipeHash('3.9.1'));
    expect(jarsHash('4.4.0')).not.toBe(jarsHash('3.9.1'));
  });

  it('rejects a version it does not know', () => {
    expect(() => recipeHash('2.8.0' as never)).toThrow(StepError);
  });

  it('covers every recipe file', () => {
    const files = recipeFiles();
    for (const f of [
      'pom.xml',
      'Dockerfile',
      'base.json',
      'launchers/kafka-run-class.sh.tmpl',
      'launchers/server.sh.tmpl',
      'launchers/tool.sh.tmpl',
      'config/log4j1/log4j.properties',
      'config/log4j1/tools-log4j.properties',
      'config/log4j2/log4j2.xml',
      'config/log4j2/tools-log4j2.xml',
    ]) {
      expect(files).toContain(f);
    }
  });

  it('formats the tags', () => {
    expect(kafkaImageTag('4.4.0')).toBe(`kafkalab/kafka:4.4.0-${recipeHash('4.4.0')}`);
    expect(kafkaImageTag('3.9.1')).toMatch(/^kafkalab\/kafka:3\.9\.1-[0-9a-f]{12}$/);
    expect(baseImageTag()).toBe(`kafkalab/base:bookworm-jre17-${baseRecipeHash()}`);
  });

  it('keeps the jars under the cache folder, keyed by version and hash', () => {
    expect(jarsDir('3.9.1', { KAFKALAB_CACHE_DIR: '/somewhere/cache' })).toBe(
      `/somewhere/cache/jars/3.9.1-${jarsHash('3.9.1')}`,
    );
  });
});

describe('class resolution', () => {
  it('takes the first candidate present', () => {
    const candidates = ['org.apache.kafka.tools.AclCommand', 'kafka.admin.AclCommand'];
    expect(resolveClass(candidates, new Set(['kafka.admin.AclCommand']))).toBe('kafka.admin.AclCommand');
    expect(resolveClass(candidates, new Set(['kafka.admin.AclCommand', 'org.apache.kafka.tools.AclCommand']))).toBe(
      'org.apache.kafka.tools.AclCommand',
    );
    expect(resolveClass(candidates, new Set(['something.Else']))).toBeUndefined();
  });

  it('picks the 4.x classes and leaves ZooKeeper out', () => {
    const byName = new Map(resolveLaunchers('4.4.0', classes4).map((l) => [l.name, l.className]));
    expect(byName.get('kafka-acls')).toBe('org.apache.kafka.tools.AclCommand');
    expect(byName.get('kafka-configs')).toBe('org.apache.kafka.tools.ConfigCommand');
    expect(byName.get('kafka-console-producer')).toBe('org.apache.kafka.tools.ConsoleProducer');
    expect(byName.get('kafka-server-start')).toBe('kafka.Kafka');
    expect(byName.get('kafka-storage')).toBe('kafka.tools.StorageTool');
    expect(byName.has('zookeeper-server-start')).toBe(false);
  });

  it('picks the 3.9 classes, ZooKeeper included', () => {
    const byName = new Map(resolveLaunchers('3.9.1', classes39).map((l) => [l.name, l.className]));
    expect(byName.get('kafka-acls')).toBe('kafka.admin.AclCommand');
    expect(byName.get('kafka-configs')).toBe('kafka.admin.ConfigCommand');
    expect(byName.get('kafka-console-producer')).toBe('kafka.tools.ConsoleProducer');
    expect(byName.get('kafka-broker-api-versions')).toBe('kafka.admin.BrokerApiVersionsCommand');
    expect(byName.get('kafka-features')).toBe('org.apache.kafka.tools.FeatureCommand');
    expect(byName.get('zookeeper-server-start')).toBe('org.apache.zookeeper.server.quorum.QuorumPeerMain');
  });

  it('fails naming the tool when no candidate exists', () => {
    const classes = new Set([...classes4].filter((c) => !c.endsWith('AclCommand')));
    expect(() => resolveLaunchers('4.4.0', classes)).toThrow(StepError);
    expect(() => resolveLaunchers('4.4.0', classes)).toThrow(/kafka-acls\.sh/);
  });

  it('has one launcher per official name, without duplicates', () => {
    const names = LAUNCHERS.map((l) => l.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of [
      'kafka-server-start',
      'kafka-storage',
      'kafka-topics',
      'kafka-configs',
      'kafka-acls',
      'kafka-metadata-quorum',
      'kafka-consumer-groups',
      'kafka-console-producer',
      'kafka-console-consumer',
      'kafka-producer-perf-test',
      'zookeeper-server-start',
      'kafka-reassign-partitions',
      'kafka-leader-election',
      'kafka-broker-api-versions',
      'kafka-get-offsets',
      'kafka-verifiable-producer',
      'kafka-verifiable-consumer',
      'kafka-transactions',
      'kafka-features',
    ]) {
      expect(names).toContain(n);
    }
  });
});

describe('rendering', () => {
  it('renders a tool launcher that runs the chosen class through kafka-run-class.sh', () => {
    const files = renderLaunchers('3.9.1', resolveLaunchers('3.9.1', classes39));
    const acls = files.get('kafka-acls.sh')!;
    expect(acls).toMatch(/^#!\/usr\/bin\/env bash\n/);
    expect(acls).toContain('exec "$(dirname "$0")/kafka-run-class.sh" kafka.admin.AclCommand "$@"');
    expect(acls).not.toMatch(/@[A-Z_]+@/);
  });

  it('renders the server launcher with its heap and INFO-to-stdout config', () => {
    const files = renderLaunchers('4.4.0', resolveLaunchers('4.4.0', classes4));
    const server = files.get('kafka-server-start.sh')!;
    expect(server).toContain('kafka-run-class.sh" kafka.Kafka "$@"');
    expect(server).toContain('-Xmx512m -Xms512m');
    expect(server).toContain('-Dlog4j2.configurationFile=${KAFKA_HOME}/config/log4j2.xml');
    expect(files.has('zookeeper-server-start.sh')).toBe(false);
  });

  it('renders kafka-run-class.sh with the classpath, default heap, tools log config and exec java', () => {
    for (const [version, classes, opt] of [
      ['4.4.0', classes4, '-Dlog4j2.configurationFile=${KAFKA_HOME}/config/tools-log4j2.xml'],
      ['3.9.1', classes39, '-Dlog4j.configuration=file:${KAFKA_HOME}/config/tools-log4j.properties'],
    ] as const) {
      const rc = renderLaunchers(version, resolveLaunchers(version, classes)).get('kafka-run-class.sh')!;
      expect(rc).toContain('$KAFKA_HOME/libs/*');
      expect(rc).toContain('KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx256m}"');
      expect(rc).toContain(opt);
      expect(rc).toContain('exec "$JAVA"');
      expect(rc).not.toMatch(/@[A-Z_]+@/);
    }
  });

  it('renders every resolved launcher plus kafka-run-class.sh', () => {
    const resolved = resolveLaunchers('3.9.1', classes39);
    const files = renderLaunchers('3.9.1', resolved);
    expect([...files.keys()].sort()).toEqual([...resolved.map((l) => `${l.name}.sh`), 'kafka-run-class.sh'].sort());
  });

  it('uses the templates it is given', () => {
    const spec: LauncherSpec = { name: 'x', kind: 'tool', candidates: ['a.B'] };
    const files = renderLaunchers('4.4.0', resolveLaunchers('4.4.0', new Set(['a.B']), [spec]), {
      runClass: 'rc @TOOLS_LOG_OPTS@',
      server: 'server @CLASS@',
      tool: 'tool @NAME@ @CLASS@ @CANDIDATES@',
    });
    expect(files.get('x.sh')).toBe('tool x.sh a.B a.B');
    expect(files.get('kafka-run-class.sh')).toBe('rc -Dlog4j2.configurationFile=${KAFKA_HOME}/config/tools-log4j2.xml');
  });

  it('refuses a placeholder without a value', () => {
    expect(renderTemplate('a @X@ b', { X: '1' })).toBe('a 1 b');
    expect(() => renderTemplate('a @Y@', { X: '1' })).toThrow(/@Y@/);
  });

  it('points each logging flavor at its config file', () => {
    expect(logConfigOption('log4j1', 'server', '/c')).toBe('-Dlog4j.configuration=file:/c/log4j.properties');
    expect(logConfigOption('log4j1', 'tool', '/c')).toBe('-Dlog4j.configuration=file:/c/tools-log4j.properties');
    expect(logConfigOption('log4j2', 'server', '/c')).toBe('-Dlog4j2.configurationFile=/c/log4j2.xml');
    expect(logConfigOption('log4j2', 'tool', '/c')).toBe('-Dlog4j2.configurationFile=/c/tools-log4j2.xml');
  });
});

describe('jar contents', () => {
  it('reads entry names from the central directory', () => {
    const names = ['META-INF/MANIFEST.MF', 'kafka/Kafka.class', 'kafka/Kafka$.class', 'org/x/Y.class'];
    expect(zipEntryNames(makeZip(names))).toEqual(names);
    expect(zipEntryNames(makeZip(names, true))).toEqual(names);
  });

  it('refuses what is not a zip', () => {
    expect(() => zipEntryNames(Buffer.from('not a zip file at all, no central directory here'))).toThrow(/not a zip/);
  });

  it('keeps top-level classes only', () => {
    expect(
      classNamesOf([
        'META-INF/MANIFEST.MF',
        'META-INF/versions/9/module-info.class',
        'META-INF/versions/11/a/B.class',
        'module-info.class',
        'kafka/Kafka.class',
        'kafka/Kafka$.class',
        'kafka/tools/',
        'org/apache/kafka/tools/AclCommand.class',
      ]),
    ).toEqual(['kafka.Kafka', 'org.apache.kafka.tools.AclCommand']);
  });

  it('checks the jar set for the Kafka jars and exactly one slf4j binding', () => {
    const base = ['kafka_2.13-4.4.0.jar', 'kafka-tools-4.4.0.jar', 'kafka-clients-4.4.0.jar', 'slf4j-api-1.7.36.jar'];
    expect(checkJarSet('4.4.0', [...base, 'log4j-slf4j-impl-2.25.5.jar'])).toBeUndefined();
    expect(checkJarSet('4.4.0', base)).toMatch(/one slf4j binding, found none/);
    expect(checkJarSet('4.4.0', [...base, 'log4j-slf4j-impl-2.25.5.jar', 'slf4j-reload4j-1.7.36.jar'])).toMatch(
      /found 2|log4j-slf4j-impl/,
    );
    expect(checkJarSet('4.4.0', base.slice(1))).toMatch(/kafka_2\.13-4\.4\.0\.jar is missing/);
  });
});
