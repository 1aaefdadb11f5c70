import { describe, expect, it } from 'vitest';
import { claimMismatch, observedDefault, parseConfigDocs } from '../../../../../scripts/lib/practice/exam/default-check.ts';
import type { ClaimedDefault } from '../../../../../scripts/lib/practice/exam/defaults.ts';

/** The shape ProducerConfig's main() prints (trimmed). */
const html = `<ul class="config-list">
<li>
<h4><a id="linger.ms"></a><a id="producerconfigs_linger.ms" href="#producerconfigs_linger.ms">linger.ms</a></h4>
<p>The producer groups together any records that arrive in between request transmissions.</p>
<table><tbody>
<tr><th>Type:</th><td>long</td></tr>
<tr><th>Default:</th><td>5</td></tr>
<tr><th>Valid Values:</th><td>[0,...]</td></tr>
</tbody></table>
</li>
<li>
<h4><a id="delivery.timeout.ms"></a><a id="producerconfigs_delivery.timeout.ms" href="#producerconfigs_delivery.timeout.ms">delivery.timeout.ms</a></h4>
<p>An upper bound on the time to report success or failure (see <code>linger.ms</code>).</p>
<table><tbody>
<tr><th>Type:</th><td>int</td></tr>
<tr><th>Default:</th><td>120000 (2 minutes)</td></tr>
</tbody></table>
</li>
<li>
<h4><a id="acks"></a><a id="producerconfigs_acks" href="#producerconfigs_acks">acks</a></h4>
<table><tbody>
<tr><th>Type:</th><td>string</td></tr>
<tr><th>Default:</th><td>all</td></tr>
</tbody></table>
</li>
</ul>`;

const claim = (over: Partial<ClaimedDefault> = {}): ClaimedDefault => ({ key: 'offsets.topic.replication.factor', value: '3', version: '4.4.0', scope: 'broker', questions: ['ops-a', 'ops-b'], ...over });

describe('checking claimed defaults', () => {
  it('reads defaults from a client config class’s documentation, without readable suffixes', () => {
    expect(parseConfigDocs(html)).toEqual(
      new Map([
        ['linger.ms', '5'],
        ['delivery.timeout.ms', '120000'],
        ['acks', 'all'],
      ]),
    );
  });

  it('takes the value of an entry nobody set, or the DEFAULT_CONFIG synonym under an override', () => {
    expect(observedDefault({ configName: 'num.partitions', configValue: '1', configSource: 5 }, 'num.partitions')).toEqual({ value: '1' });
    expect(
      observedDefault(
        {
          configName: 'offsets.topic.replication.factor',
          configValue: '1',
          configSource: 4,
          configSynonyms: [
            { configName: 'offsets.topic.replication.factor', configValue: '1', configSource: 4 },
            { configName: 'offsets.topic.replication.factor', configValue: '3', configSource: 5 },
          ],
        },
        'offsets.topic.replication.factor',
      ),
    ).toEqual({ value: '3' });
    expect(observedDefault({ configName: 'x', configValue: '7', configSource: 4, configSynonyms: [] }, 'x')).toEqual({
      problem: `'x' is set by STATIC_BROKER_CONFIG to "7" and no DEFAULT_CONFIG synonym shows the built-in value`,
    });
    expect(observedDefault(undefined, 'nope')).toEqual({ problem: `the cluster does not report 'nope'` });
  });

  it('names the version, scope, key, questions and both values of a mismatch', () => {
    expect(claimMismatch(claim(), { value: '3' })).toBeUndefined();
    expect(claimMismatch(claim({ value: '2' }), { value: '3' })).toBe(
      `Kafka 4.4.0 broker 'offsets.topic.replication.factor': ops-a, ops-b states "2", the live default is "3": fix the question`,
    );
    expect(claimMismatch(claim(), { problem: 'the cluster does not report it' })).toBe(
      `Kafka 4.4.0 broker 'offsets.topic.replication.factor': cannot check the value "3" that ops-a, ops-b states: the cluster does not report it`,
    );
  });
});
