import { describe, expect, it } from 'vitest';
import { type LauncherSpec, resolveLaunchers } from '../../../../../scripts/lib/engine/image/launchers.ts';
import { logConfigOption, renderLaunchers, renderTemplate } from '../../../../../scripts/lib/engine/image/launcher-scripts.ts';
import { classes39, classes4 } from './launcher-classes.ts';

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
