import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTransientProviderError, parsePlanSummary, planLines, protectedTopicsInState } from '../../../../scripts/lib/access/apply.ts';
import { resolveAccess } from '../../../../stacks/model/access-validate.ts';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';

// A real `cdktf diff kraft-3-access` after `kafka-configs --alter ... retention.ms=1000` behind the tool's back.
const driftLog = readFileSync(join(import.meta.dirname, 'fixtures', 'access-plan-drift.log'), 'utf8');

describe('plan output', () => {
  it("reads Terraform's summary line", () => {
    expect(parsePlanSummary('kraft-3-access', driftLog)).toEqual({ stack: 'kraft-3-access', add: 0, change: 1, destroy: 0, noChanges: false });
    expect(parsePlanSummary('s', 's  No changes. Your infrastructure matches the configuration.')).toEqual({ stack: 's', add: 0, change: 0, destroy: 0, noChanges: true });
  });

  it("keeps the plan from Terraform's header to the summary, without cdktf's stack column", () => {
    const lines = planLines('kraft-3-access', driftLog);
    expect(lines[0]).toBe('Terraform used the selected providers to generate the following execution');
    expect(lines).toContain('  # kafka_topic.orders (topic-orders/topic) will be updated in-place');
    expect(lines).toContain('          ~ "retention.ms" = "1000" -> "604800000"');
    expect(lines.at(-1)).toBe('Plan: 0 to add, 1 to change, 0 to destroy.');
    expect(lines.some((l) => /Refreshing state|Initializing/.test(l))).toBe(false);
  });
});

describe('protectedTopicsInState', () => {
  const cluster = resolveCluster({ name: 'kraft-3' });
  const access = resolveAccess({ topics: [{ name: 'ledger', protected: true }, { name: 'scratch' }, { name: 'audit', protected: true }] }, cluster);
  const state = {
    resources: [
      { type: 'kafka_topic', instances: [{ attributes: { name: 'ledger' } }] },
      { type: 'kafka_topic', instances: [{ attributes: { name: 'scratch' } }] },
      { type: 'kafka_acl', instances: [{ attributes: { name: 'audit' } }] },
    ],
  };

  it('names the protected topics the state still holds, before Terraform runs', () => {
    expect(protectedTopicsInState(state, access)).toEqual(['ledger']);
  });

  it('finds nothing once a topic is released, or without a state', () => {
    const released = resolveAccess({ topics: [{ name: 'ledger' }, { name: 'scratch' }] }, cluster);
    expect(protectedTopicsInState(state, released)).toEqual([]);
    expect(protectedTopicsInState(undefined, access)).toEqual([]);
  });
});

describe('isTransientProviderError', () => {
  it("retries the provider's Kafka connection errors", () => {
    expect(isTransientProviderError('│ Error: kafka: broker not connected\n│   with kafka_topic.orders')).toBe(true);
    expect(isTransientProviderError('Error: kafka: client has run out of available brokers to talk to')).toBe(true);
    expect(isTransientProviderError('dial tcp 127.0.0.1:30292: connect: connection refused')).toBe(true);
  });

  it('does not retry a real error', () => {
    expect(isTransientProviderError('Error: Instance cannot be destroyed: Resource kafka_topic.ledger has lifecycle.prevent_destroy set')).toBe(false);
    expect(isTransientProviderError('Error: kafka server: Policy violation: Topic replication factor must be at most 3')).toBe(false);
  });
});
