import { describe, expect, it } from 'vitest';
import { monitoringProblems, resolveMonitoring } from '../../../stacks/model/monitoring.ts';
import { resolveCluster, claimedPorts } from '../../../stacks/model/resolve.ts';
import { validateSpec } from '../../../stacks/model/validate.ts';

describe('monitoring in the spec', () => {
  it('is off by default and when false', () => {
    expect(resolveCluster({ name: 'mon-t' }).monitoring).toBeUndefined();
    expect(resolveCluster({ name: 'mon-t', monitoring: false }).monitoring).toBeUndefined();
  });

  it('resolves true to Prometheus on basePort + 18, scraping every 15 s', () => {
    const c = resolveCluster({ name: 'mon-t', basePort: 30000, monitoring: true });
    expect(c.monitoring).toEqual({
      scrapeIntervalSeconds: 15,
      prometheusPort: 30018,
      prometheus: { containerName: 'kafkalab-mon-t-prometheus', hostname: 'prometheus', volumeName: 'kafkalab-mon-t-prometheus-data' },
      lagExporter: { containerName: 'kafkalab-mon-t-lag-exporter', hostname: 'lag-exporter' },
    });
    expect(claimedPorts(c)).toEqual([30000, 30001, 30002, 30018]);
  });

  it('takes the scrape interval from an object', () => {
    expect(resolveMonitoring({ scrapeIntervalSeconds: 5 }, 'kafkalab-x', 100)?.scrapeIntervalSeconds).toBe(5);
  });

  it.each([
    ['a string', 'yes', `'monitoring' ('yes') must be true, false or an object: e.g. "monitoring": true or "monitoring": { "scrapeIntervalSeconds": 15 }`],
    ['an unknown key', { interval: 5 }, "unknown field 'monitoring.interval': remove it (known: scrapeIntervalSeconds)"],
    ['an interval too short', { scrapeIntervalSeconds: 1 }, "'monitoring.scrapeIntervalSeconds' (1) is out of range: use a whole number of seconds from 5 to 300"],
    ['an interval not whole', { scrapeIntervalSeconds: 7.5 }, "'monitoring.scrapeIntervalSeconds' (7.5) is out of range: use a whole number of seconds from 5 to 300"],
  ])('refuses %s with a message naming the field, the value and the fix', (_t, value, message) => {
    expect(monitoringProblems(value)).toEqual([message]);
  });

  it('needs room for Prometheus above basePort', () => {
    expect(validateSpec({ name: 'mon-t', basePort: 65530, monitoring: true })).toEqual([
      "'basePort' (65530) is out of range: use a whole number from 1024 to 65517, so that Prometheus's port (basePort + 18) fits below 65536",
    ]);
    expect(validateSpec({ name: 'mon-t', basePort: 65530, brokers: 3 })).toEqual([]);
  });
});
