import { describe, expect, it } from 'vitest';
import { LAG_EXPORTER_CLASS, LAG_EXPORTER_PORT, LAG_EXPORTER_SOURCE, lagExporterCommand } from '../../../../scripts/lib/kafka/lag-exporter.ts';
import { LAG_EXPORTER_CLASS as FROM_INDEX, ensureLagExporterClass } from '../../../../scripts/lib/kafka/index.ts';
import { existsSync } from 'node:fs';

describe('lagExporterCommand', () => {
  it('runs the class with the image jars, a small light JVM, the config and the port', () => {
    const cmd = lagExporterCommand('/run/kafkalab', '/run/kafkalab/lag-exporter.properties');
    expect(cmd[0]).toBe('java');
    expect(cmd).toContain('-Xmx96m');
    expect(cmd).toContain('-XX:TieredStopAtLevel=1');
    expect(cmd).toContain('-XX:+UseSerialGC');
    expect(cmd).toContain('-XX:+ExitOnOutOfMemoryError');
    expect(cmd.some((a) => a.startsWith('-Dorg.apache.kafka.automatic.config.providers='))).toBe(true);
    expect(cmd.slice(-5)).toEqual(['-cp', '/opt/kafka/libs/*:/run/kafkalab', 'KafkalabLagExporter', '/run/kafkalab/lag-exporter.properties', '9308']);
  });

  it('takes another port', () => {
    expect(lagExporterCommand('/opt/x', '/etc/x.properties', 19308).slice(-3)).toEqual([LAG_EXPORTER_CLASS, '/etc/x.properties', '19308']);
  });

  it('refuses a port out of range', () => {
    expect(() => lagExporterCommand('/d', '/c', 0)).toThrow(/1-65535/);
    expect(() => lagExporterCommand('/d', '/c', 70000)).toThrow(/1-65535/);
    expect(() => lagExporterCommand('/d', '/c', 93.5)).toThrow(/1-65535/);
  });

  it('has no empty or space-holding argument (the argv goes to docker as is)', () => {
    for (const a of lagExporterCommand('/d', '/c')) expect(a).toMatch(/^\S+$/);
  });
});

describe('the lag exporter constants', () => {
  it('name the class, its source and kafka_exporter\'s usual port, and are on the domain surface', () => {
    expect(LAG_EXPORTER_CLASS).toBe('KafkalabLagExporter');
    expect(FROM_INDEX).toBe(LAG_EXPORTER_CLASS);
    expect(LAG_EXPORTER_SOURCE.endsWith('scripts/lib/kafka/java/KafkalabLagExporter.java')).toBe(true);
    expect(existsSync(LAG_EXPORTER_SOURCE)).toBe(true);
    expect(LAG_EXPORTER_PORT).toBe(9308);
    expect(typeof ensureLagExporterClass).toBe('function');
  });
});
