import type { ResolvedAcl, ResolvedTopic, ResolvedUser } from './access.ts';

/**
 * What the access spec's checks gather as they go, section by section: every problem, and what
 * resolved cleanly so far (the users' role presets need the declared topic names).
 */
export interface Checked {
  readonly problems: string[];
  /** Every validly named topic, valid or not otherwise: presets may name it. */
  readonly topicNames: Set<string>;
  readonly topics: ResolvedTopic[];
  readonly users: ResolvedUser[];
  readonly acls: ResolvedAcl[];
}

export function emptyChecked(): Checked {
  return { problems: [], topicNames: new Set(), topics: [], users: [], acls: [] };
}
