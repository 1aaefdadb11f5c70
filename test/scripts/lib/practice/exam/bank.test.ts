import { describe, expect, it } from 'vitest';
import { coverageProblems, loadBank } from '../../../../../scripts/lib/practice/exam/bank.ts';
import { listClaimedDefaults } from '../../../../../scripts/lib/practice/exam/defaults.ts';
import { kindOf } from '../../../../../scripts/lib/practice/exam/question.ts';
import { mentionsDefault, questionText } from '../../../../../scripts/lib/practice/exam/question-rules.ts';

/**
 * The shipped question bank, checked at test time: loadBank applies the zod schema and every rule
 * (track domains, correct indexes in range, exact number of correct answers, no repeated answers,
 * a named default for every question that states one) and rejects duplicate ids and prompts.
 */
const bank = loadBank();
const qs = bank.questions;

describe('the shipped question bank', () => {
  it('loads without a schema or rule problem', () => {
    expect(qs.length).toBeGreaterThan(0);
  });

  it('has at least 120 questions and at least 6 in every domain of each track', () => {
    expect(coverageProblems(qs, { minTotal: 120, minPerDomain: 6 })).toEqual([]);
  });

  it('has unique ids and prompts', () => {
    expect(new Set(qs.map((q) => q.id)).size).toBe(qs.length);
    expect(new Set(qs.map((q) => q.prompt.toLowerCase())).size).toBe(qs.length);
  });

  it('mixes single and multiple-answer questions, multiple ones saying "Choose N"', () => {
    const multiple = qs.filter((q) => kindOf(q) === 'multiple');
    expect(multiple.length).toBeGreaterThanOrEqual(8);
    for (const q of multiple) expect(q.prompt, q.id).toMatch(new RegExp(`Choose ${q.correct.length}\\.$`));
  });

  it('varies the position of the correct answer', () => {
    const single = qs.filter((q) => kindOf(q) === 'single');
    const positions = [0, 1, 2, 3].map((i) => single.filter((q) => q.correct[0] === i).length);
    for (const n of positions) expect(n / single.length, `correct positions ${positions.join('/')}`).toBeLessThanOrEqual(0.4);
    for (const n of positions) expect(n, `correct positions ${positions.join('/')}`).toBeGreaterThanOrEqual(single.length * 0.1);
  });

  it('every question that talks about a default claims it with the key named and the value stated', () => {
    for (const q of qs) {
      if (mentionsDefault(q)) expect(q.defaults ?? q.defaultsExempt, q.id).toBeDefined();
      for (const d of q.defaults ?? []) {
        expect(questionText(q), `${q.id} names ${d.key}`).toContain(d.key);
        expect(questionText(q), `${q.id} states ${d.key}=${d.value}`).toContain(d.value);
      }
    }
  });

  it('exempts few questions from claiming defaults, each with a reason', () => {
    const exempt = qs.filter((q) => q.defaultsExempt);
    expect(exempt.map((q) => q.id)).toEqual(['dev-schema-backward-change', 'dev-schema-avro-reader-fills']);
  });

  it('lists its claimed defaults for the e2e check, each on a version kafkalab builds', () => {
    const claims = listClaimedDefaults(qs);
    expect(claims.length).toBeGreaterThanOrEqual(30);
    expect(new Set(claims.map((c) => c.scope))).toEqual(new Set(['broker', 'topic', 'producer', 'consumer']));
    const keyed = new Map<string, string>();
    for (const c of claims) {
      const k = `${c.version} ${c.scope} ${c.key}`;
      expect(keyed.get(k) ?? c.value, `questions disagree on ${k}`).toBe(c.value);
      keyed.set(k, c.value);
    }
  });
});
