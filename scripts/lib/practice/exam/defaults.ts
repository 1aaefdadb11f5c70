import type { KafkaVersion } from '../../../../stacks/model/versions.ts';
import type { DefaultClaim, DefaultScope, Question } from './question.ts';

/** One default the bank states, with every question that states it. */
export interface ClaimedDefault {
  readonly key: string;
  readonly value: string;
  readonly version: KafkaVersion;
  readonly scope: DefaultScope;
  readonly questions: readonly string[];
}

const claimKey = (c: DefaultClaim): string => `${c.version} ${c.scope} ${c.key}`;

/**
 * Every config default the questions state, one entry per version, scope and key, sorted. Two
 * questions that disagree on a value are listed twice (and the e2e test fails one of them).
 */
export function listClaimedDefaults(questions: readonly Question[]): ClaimedDefault[] {
  const byClaim = new Map<string, { claim: DefaultClaim; questions: string[] }>();
  for (const q of questions) {
    for (const c of q.defaults ?? []) {
      const k = `${claimKey(c)}=${c.value}`;
      const entry = byClaim.get(k) ?? { claim: c, questions: [] };
      entry.questions.push(q.id);
      byClaim.set(k, entry);
    }
  }
  return [...byClaim.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, { claim, questions: ids }]) => ({ key: claim.key, value: claim.value, version: claim.version, scope: claim.scope, questions: ids }));
}

/** The Kafka versions any claim names: the e2e test starts one cluster per version. */
export function claimedVersions(claims: readonly ClaimedDefault[]): KafkaVersion[] {
  return [...new Set(claims.map((c) => c.version))].sort();
}
