import { describe, expect, it } from 'vitest';
import {
  configChanges,
  fileSinkConfig,
  fileSourceConfig,
  linesFound,
  parseStartsFact,
  putCommand,
  restUrlOf,
  shellQuote,
  startsFact,
  workerOf,
} from '../../../../../../scripts/lib/practice/drills/kit/connect.ts';
import { resolveCluster } from '../../../../../../stacks/model/resolve.ts';

const d = {
  restUrl: 'http://127.0.0.1:18111',
  groupId: 'kafkalab-connect',
  workers: [
    { name: 'connect-1', container: 'kafkalab-x-connect-1', restUrl: 'http://127.0.0.1:18111' },
    { name: 'connect-2', container: 'kafkalab-x-connect-2', restUrl: 'http://127.0.0.1:18112' },
  ],
};

describe('the Connect drills kit', () => {
  it('finds the worker a status names (connect-2:8083 → its container)', () => {
    expect(workerOf(d, 'connect-2:8083')?.container).toBe('kafkalab-x-connect-2');
    expect(workerOf(d, 'connect-1')?.container).toBe('kafkalab-x-connect-1');
    expect(workerOf(d, 'connect-3:8083')).toBeUndefined();
  });

  it('names the config keys that changed, both ways', () => {
    expect(configChanges({ a: '1', b: '2' }, { a: '1', b: '2' })).toEqual([]);
    expect(configChanges({ a: '1', b: '2' }, { a: '1', b: '3', c: 'x' })).toEqual(['b: 2 → 3', 'c: (none) → x']);
    expect(configChanges({ file: '/f' }, {})).toEqual(['file: /f → (none)']);
  });

  it('keeps the workers start times as facts and reads them back (a time holds no =, a name none either)', () => {
    const starts = { 'kafkalab-x-connect-1': '2026-01-01T10:00:00.1Z', 'kafkalab-x-connect-2': '' };
    expect(parseStartsFact(startsFact(starts))).toEqual(starts);
  });

  it('finds wanted lines in a file, whole lines only', () => {
    expect(linesFound('a #0 m\na #1 m\r\n', ['a #0 m', 'a #1 m', 'a #2 m'])).toEqual({ found: ['a #0 m', 'a #1 m'], missing: ['a #2 m'] });
    expect(linesFound('xa #0 m', ['a #0 m']).missing).toEqual(['a #0 m']);
  });

  it('builds FileStream configs with string converters (the workers default to JsonConverter)', () => {
    expect(fileSinkConfig('t', '/var/lib/connect/f.txt')).toEqual({
      'connector.class': 'FileStreamSink',
      'tasks.max': '1',
      topics: 't',
      file: '/var/lib/connect/f.txt',
      'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
      'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
    });
    expect(fileSourceConfig('/f', 't')).toMatchObject({ 'connector.class': 'FileStreamSource', file: '/f', topic: 't' });
  });

  it('quotes for bash and prints the PUT a learner runs', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(putCommand('http://h:1', 'c', { file: '/f' })).toBe(`curl -s -X PUT -H 'Content-Type: application/json' http://h:1/connectors/c/config -d '{"file":"/f"}'`);
  });

  it("shows the first worker's REST URL in a task, a placeholder while Connect is off", () => {
    expect(restUrlOf(resolveCluster({ name: 'c1', basePort: 19092, connect: true }))).toBe('http://127.0.0.1:19111');
    expect(restUrlOf(resolveCluster({ name: 'kraft-3' }))).toBe('http://127.0.0.1:<basePort+19>');
  });
});
