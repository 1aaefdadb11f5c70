import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STREAMS_APPS, consumedTopicsOf, expectedInternalTopics, internalTopicsOf, streamsAppSource, streamsJarsDir, streamsJarsProblem } from '../../../../scripts/lib/streams/index.ts';

const app = STREAMS_APPS['order-totals']!;

describe('the Streams apps', () => {
  it('order-totals: its source is in the repo, its internal topics named from its application.id', () => {
    expect(existsSync(streamsAppSource(app))).toBe(true);
    expect(expectedInternalTopics(app)).toEqual({
      repartition: 'kafkalab-order-totals-by-customer-repartition',
      changelog: 'kafkalab-order-totals-customer-totals-store-changelog',
    });
  });

  it('picks its internal topics and the topics its group reads out of a cluster\'s', () => {
    const topics = ['orders-in', 'customer-totals', 'kafkalab-order-totals-customer-totals-store-changelog', 'kafkalab-order-totals-by-customer-repartition', 'kafkalab-order-totalsX-changelog', 'other-changelog', 'kafkalab-order-totals-notes'];
    expect(internalTopicsOf(app, topics)).toEqual(['kafkalab-order-totals-by-customer-repartition', 'kafkalab-order-totals-customer-totals-store-changelog']);
    expect(consumedTopicsOf(app, topics)).toEqual(['orders-in', 'kafkalab-order-totals-by-customer-repartition']);
  });
});

describe('the Streams jars', () => {
  it('are cached by version and pom', () => {
    const env = { KAFKALAB_CACHE_DIR: '/tmp/kafkalab-cache-t' };
    const a = streamsJarsDir('4.4.0', env, 'pom');
    expect(a).toMatch(/^\/tmp\/kafkalab-cache-t\/streams-jars\/4\.4\.0-[0-9a-f]{12}$/);
    expect(streamsJarsDir('4.4.0', env, 'pom')).toBe(a);
    expect(streamsJarsDir('4.4.0', env, 'pom2')).not.toBe(a);
    expect(streamsJarsDir('3.9.1', env, 'pom')).not.toBe(a.replace('4.4.0', '3.9.1'));
  });

  it('must be kafka-streams of the version and RocksDB, without a second kafka-clients', () => {
    expect(streamsJarsProblem('4.4.0', ['kafka-streams-4.4.0.jar', 'rocksdbjni-10.1.3.jar'])).toBeUndefined();
    expect(streamsJarsProblem('4.4.0', ['kafka-streams-3.9.1.jar', 'rocksdbjni-10.1.3.jar'])).toBe('no kafka-streams-4.4.0.jar among kafka-streams-3.9.1.jar, rocksdbjni-10.1.3.jar');
    expect(streamsJarsProblem('4.4.0', ['kafka-streams-4.4.0.jar'])).toBe('no rocksdbjni jar among kafka-streams-4.4.0.jar');
    expect(streamsJarsProblem('4.4.0', ['kafka-streams-4.4.0.jar', 'rocksdbjni-1.jar', 'kafka-clients-4.4.0.jar'])).toBe('kafka-clients came along: the image has its own, two would clash');
    expect(streamsJarsProblem('4.4.0', [])).toBe('no kafka-streams-4.4.0.jar among nothing');
  });
});
