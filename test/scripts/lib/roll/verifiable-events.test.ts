import { describe, expect, it } from 'vitest';
import {
  acksOf,
  consumedValues,
  longestStall,
  longestStallWithin,
  parseEvents,
  tally,
  unread,
} from '../../../../scripts/lib/roll/verifiable-events.ts';

// Recorded from kafka-verifiable-producer.sh (4.4.0) with --value-prefix 4242, then cut down;
// the deprecation warning goes to stderr, but a stray line must not break the parser.
const producerOut = `Option --producer.config has been deprecated and will be removed in a future version.
{"timestamp":1795620608717,"name":"startup_complete"}
{"timestamp":1795620609978,"name":"producer_send_success","key":"0","value":"4242.0","offset":0,"topic":"vtest","partition":2}
{"timestamp":1795620609986,"name":"producer_send_success","key":"1","value":"4242.1","offset":0,"topic":"vtest","partition":0}
{"timestamp":1795620609986,"name":"producer_send_success","key":"2","value":"4242.2","offset":1,"topic":"vtest","partition":2}
{"timestamp":1795620611386,"name":"producer_send_success","key":"3","value":"4242.3","offset":0,"topic":"vtest","partition":1}
{"timestamp":1795620611390,"name":"producer_send_error","key":"4","value":"4242.4","topic":"vtest","exception":"class org.apache.kafka.common.errors.TimeoutException","message":"Expiring 1 record(s)"}
{"timestamp":1795620611391,"name":"producer_send_success","key":"5","value":"4242.5","offset":1,"topic":"vtest","partition":1}
{"timestamp":1795620610029,"name":"shutdown_complete"}
{"timestamp":1795620610032,"name":"tool_data","sent":6,"acked":5,"target_throughput":100,"avg_throughput":7.54}
{"timestamp":17956206`;

// Recorded from kafka-verifiable-consumer.sh --verbose (4.4.0), cut down; 4242.2 read twice (a
// rebalance), 4242.5 not read, and one record of an older run (prefix 4141) in the topic.
const consumerOut = `{"timestamp":1795620613223,"name":"startup_complete"}
{"timestamp":1795620614146,"name":"partitions_assigned","partitions":[{"topic":"vtest","partition":0},{"topic":"vtest","partition":1},{"topic":"vtest","partition":2}]}
{"timestamp":1795620614325,"name":"record_data","key":"9","value":"4141.9","topic":"vtest","partition":0,"offset":0}
{"timestamp":1795620614325,"name":"record_data","key":"0","value":"4242.0","topic":"vtest","partition":2,"offset":0}
{"timestamp":1795620614328,"name":"record_data","key":"1","value":"4242.1","topic":"vtest","partition":0,"offset":1}
{"timestamp":1795620614329,"name":"record_data","key":"2","value":"4242.2","topic":"vtest","partition":2,"offset":1}
{"timestamp":1795620614329,"name":"record_data","key":"2","value":"4242.2","topic":"vtest","partition":2,"offset":1}
{"timestamp":1795620614330,"name":"record_data","key":"3","value":"4242.3","topic":"vtest","partition":1,"offset":0}
{"timestamp":1795620614336,"name":"records_consumed","count":5,"partitions":[{"topic":"vtest","partition":2,"count":3,"minOffset":0,"maxOffset":1}]}
{"timestamp":1795620614396,"name":"offsets_committed","offsets":[{"topic":"vtest","partition":2,"offset":2}],"success":true}
`;

describe('parseEvents', () => {
  it('keeps the JSON event lines and skips anything else, including a line cut short', () => {
    const events = parseEvents(producerOut);
    expect(events.map((e) => e.name)).toEqual([
      'startup_complete',
      'producer_send_success',
      'producer_send_success',
      'producer_send_success',
      'producer_send_success',
      'producer_send_error',
      'producer_send_success',
      'shutdown_complete',
      'tool_data',
    ]);
  });
});

describe('acksOf / consumedValues', () => {
  it('takes only this run\'s values', () => {
    expect(acksOf(parseEvents(producerOut), 4242).map((a) => a.value)).toEqual(['4242.0', '4242.1', '4242.2', '4242.3', '4242.5']);
    expect(acksOf(parseEvents(producerOut), 4242)[0]).toEqual({ value: '4242.0', timestamp: 1795620609978, partition: 2, offset: 0 });
    expect(consumedValues(parseEvents(consumerOut), 4242)).toEqual(['4242.0', '4242.1', '4242.2', '4242.2', '4242.3']);
  });
});

describe('tally', () => {
  it('counts acked, consumed and lost distinct values, duplicates and send errors', () => {
    const t = tally(parseEvents(producerOut), parseEvents(consumerOut), 4242);
    expect({ ...t, ackTimes: t.ackTimes.length }).toEqual({
      acked: 5,
      consumed: 4,
      lost: 1,
      lostSample: ['4242.5'],
      duplicates: 1,
      sendErrors: 1,
      maxStall: { ms: 1400, from: 1795620609986, to: 1795620611386 },
      ackTimes: 5,
    });
  });

  it('is lossless when everything acknowledged was read; a failed send is not a loss', () => {
    const all = `${consumerOut}{"timestamp":1795620614331,"name":"record_data","key":"5","value":"4242.5","topic":"vtest","partition":1,"offset":1}\n`;
    const t = tally(parseEvents(producerOut), parseEvents(all), 4242);
    expect([t.acked, t.consumed, t.lost]).toEqual([5, 5, 0]);
    expect(unread(parseEvents(producerOut), parseEvents(all), 4242)).toBe(0);
    expect(unread(parseEvents(producerOut), parseEvents(consumerOut), 4242)).toBe(1);
  });

  it('is all zero for empty output', () => {
    const t = tally([], [], 1);
    expect([t.acked, t.consumed, t.lost, t.maxStall.ms]).toEqual([0, 0, 0, 0]);
  });
});

describe('stalls', () => {
  const acks = [1000, 1010, 1020, 2500, 2510, 2520, 2600, 4000];

  it('finds the longest gap between consecutive acknowledgements', () => {
    expect(longestStall(acks)).toEqual({ ms: 1480, from: 1020, to: 2500 });
    expect(longestStall([30, 10, 20])).toEqual({ ms: 10, from: 10, to: 20 });
  });

  it('finds the longest gap overlapping a window (a node away)', () => {
    expect(longestStallWithin(acks, 2550, 3000)).toBe(1400);
    expect(longestStallWithin(acks, 1000, 1015)).toBe(10);
    expect(longestStallWithin(acks, 5000, 6000)).toBe(0);
  });
});
