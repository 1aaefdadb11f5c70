import { describe, expect, it } from 'vitest';
import { chooseCount, mentionsDefault, normalizeText, questionProblems } from '../../../../../scripts/lib/practice/exam/question-rules.ts';
import { question } from './fixtures.ts';

describe('question rules', () => {
  it('accepts a well-formed single-answer question', () => {
    expect(questionProblems(question())).toEqual([]);
  });

  it('normalizes text for comparison', () => {
    expect(normalizeText('  Acks   ALL. ')).toBe('acks all');
    expect(chooseCount('Which two are true? Choose 2.')).toBe(2);
    expect(chooseCount('Which is true?')).toBeUndefined();
  });

  it('names a domain outside the track and lists the allowed ones', () => {
    expect(questionProblems(question({ domain: 'security' }))).toEqual([
      `'domain' ("security") is not a domain of track 'dev': use one of producers, consumers, topics-and-partitions, streams-and-connect, schemas-and-serialization, transactions-and-semantics, security-for-clients, testing-and-monitoring`,
    ]);
  });

  it('checks the track prefix of the id', () => {
    expect(questionProblems(question({ id: 'ops-sample' }))).toEqual([`'id' ("ops-sample") should start with its track: 'dev-'`]);
  });

  it('rejects correct indexes out of range or repeated', () => {
    expect(questionProblems(question({ correct: [4] }))).toEqual([`'correct' has 4, out of range: 'answers' has 4 entries, so use indexes 0 to 3`]);
    expect(questionProblems(question({ kind: 'multiple', prompt: 'Which two settings matter here? Choose 2.', correct: [1, 1] }))).toEqual([
      `'correct' ([1,1]) repeats an index: list each correct answer once`,
    ]);
  });

  it('requires exactly one correct answer for a single-answer question', () => {
    expect(questionProblems(question({ kind: 'single', correct: [0, 1] }))).toEqual([
      `'correct' has 2 indexes but the question is single-answer: give exactly 1, or set "kind": "multiple" and say "Choose 2." in the prompt`,
    ]);
    expect(questionProblems(question({ prompt: 'Which setting bounds the send time? Choose 1.' }))).toEqual([
      `the prompt says "Choose 1" but the question is single-answer: drop it, or set "kind": "multiple"`,
    ]);
  });

  it('requires "Choose N" to match the correct answers of a multiple-answer question', () => {
    expect(questionProblems(question({ correct: [0, 1] }))).toEqual([`a multiple-answer question must say how many to pick: end the prompt with "Choose 2."`]);
    expect(questionProblems(question({ kind: 'multiple', prompt: 'Which settings bound the send time? Choose 3.', correct: [0, 1] }))).toEqual([
      `the prompt says "Choose 3" but 'correct' has 2 indexes: make them agree`,
    ]);
    expect(questionProblems(question({ kind: 'multiple', prompt: 'Which settings bound the send time? Choose 1.', correct: [0] }))).toEqual([
      `'correct' has 1 index but the question is multiple-answer: give at least 2, or make it single-answer`,
    ]);
    expect(questionProblems(question({ answers: ['a', 'b'], prompt: 'Which settings bound the send time? Choose 2.', correct: [0, 1] }))).toEqual([
      'every answer is correct: add wrong answers so there is something to choose',
    ]);
  });

  it('rejects duplicate answers after normalizing', () => {
    expect(questionProblems(question({ answers: ['linger.ms', 'delivery.timeout.ms', 'Linger.ms.', 'acks'] }))).toEqual([
      `'answers[2]' repeats 'answers[0]' ("Linger.ms."): make every answer different`,
    ]);
  });

  it('requires a question that talks about a default to claim it, naming the key', () => {
    const talks = question({ prompt: 'What is the default of delivery.timeout.ms on a Kafka 4.4 producer?' });
    expect(mentionsDefault(talks)).toBe(true);
    expect(questionProblems(talks)).toEqual([
      `the question talks about a default but has no 'defaults': add [{ "key", "value", "version", "scope" }] for each default it states, so the e2e test can check it`,
    ]);
    expect(questionProblems({ ...talks, defaults: [{ key: 'delivery.timeout.ms', value: '120000', version: '4.4.0', scope: 'producer' }] })).toEqual([]);
    expect(questionProblems({ ...talks, defaults: [{ key: 'batch.size', value: '16384', version: '4.4.0', scope: 'producer' }] })).toEqual([
      `'defaults[0].key' (batch.size) is not named in the question: name the key in the prompt, an answer or the explanation`,
    ]);
    const avro = question({ prompt: 'Under BACKWARD compatibility, may a new Avro schema add a field that has a default?' });
    expect(questionProblems({ ...avro, defaultsExempt: 'an Avro field default, not a Kafka config' })).toEqual([]);
    expect(questionProblems({ ...talks, defaultsExempt: 'an Avro field default, not a Kafka config', defaults: [{ key: 'delivery.timeout.ms', value: '120000', version: '4.4.0', scope: 'producer' }] })).toEqual([
      `'defaultsExempt' says the question states no config default, but it has 'defaults': keep one of them`,
    ]);
    expect(mentionsDefault(question({ explanation: 'By default the producer waits for all in-sync replicas, and then some more.' }))).toBe(true);
    expect(mentionsDefault(question({ prompt: 'Is default.replication.factor read when a topic is created by kafka-configs --entity-default?' }))).toBe(false);
    expect(mentionsDefault(question({ prompt: 'Which acks does the producer use, when acks is left at its default?' }))).toBe(true);
    expect(mentionsDefault(question({ prompt: 'With stock settings, how long does the producer wait before it sends?' }))).toBe(true);
    expect(mentionsDefault(question({ prompt: 'Out of the box, how long does the producer wait before it sends?' }))).toBe(true);
  });
});
