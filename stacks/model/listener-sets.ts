/**
 * Listener sets. A cluster's listeners (INTERNAL, EXTERNAL, CONTROLLER) live on one of two sets of
 * names and ports, so that a live security switch can run the old and the new listeners side by
 * side: the new mode's listeners are added on the other set, traffic moves to them, and the old
 * set is removed. A cluster starts on set `a`; each switch moves it to the other set.
 */
import { CONTAINER_PORTS, LIMITS } from './limits.ts';
import { asJson, fieldProblem, isObject } from './problems.ts';
import { SASL_MECHANISMS, resolveSecurity, type ResolvedSecurity, type SaslMechanism, type SecurityMode } from './security.ts';

export type ListenerSet = 'a' | 'b';
export const LISTENER_SETS: readonly ListenerSet[] = ['a', 'b'];

export interface ListenerSetLayout {
  /** Listener names: `INTERNAL` on set a, `INTERNAL2` on set b, and so on. */
  readonly internal: string;
  readonly external: string;
  readonly controller: string;
  /** Ports inside each container. */
  readonly internalPort: number;
  readonly controllerPort: number;
  readonly externalPort: number;
  /** Host port of broker i (0-based) is basePort + hostPortOffset + i. */
  readonly hostPortOffset: number;
}

const LAYOUTS: Readonly<Record<ListenerSet, ListenerSetLayout>> = {
  a: {
    internal: 'INTERNAL',
    external: 'EXTERNAL',
    controller: 'CONTROLLER',
    internalPort: CONTAINER_PORTS.internal,
    controllerPort: CONTAINER_PORTS.controller,
    externalPort: CONTAINER_PORTS.external,
    hostPortOffset: 0,
  },
  b: {
    internal: 'INTERNAL2',
    external: 'EXTERNAL2',
    controller: 'CONTROLLER2',
    internalPort: 9192,
    controllerPort: 9193,
    externalPort: 9194,
    // Right after the largest cluster's set-a ports: basePort..basePort+8, then basePort+9..
    hostPortOffset: LIMITS.maxBrokers,
  },
};

export function listenerSetLayout(set: ListenerSet): ListenerSetLayout {
  return LAYOUTS[set];
}

export function otherSet(set: ListenerSet): ListenerSet {
  return set === 'a' ? 'b' : 'a';
}

/** The security modes a live switch goes between (both ways). */
export const SWITCHABLE_MODES: readonly SecurityMode[] = ['plaintext', 'sasl_ssl'];

/** A live security switch, as kept in the cluster's state folder between its steps. */
export interface SecuritySwitchState {
  /** The mode the cluster is leaving (the spec's `security.mode` is the one it goes to). */
  readonly from: SecurityMode;
  /**
   * The step applied (or being applied):
   * 1 the new listeners added beside the old ones;
   * 2 inter-broker and controller traffic moved to the new listeners.
   * Step 3 removes the old listeners and ends the switch (no state left).
   */
  readonly step: 1 | 2;
  /** The old mode's SASL mechanism (the spec holds the new mode's). @default - none: the old mode has no SASL */
  readonly mechanism?: SaslMechanism;
}

/** What the state folder says about a deployed cluster's listeners. */
export interface ListenerState {
  /** The set the cluster's (new) listeners are on. @default 'a' */
  readonly set?: ListenerSet;
  /** A switch in progress. @default - none */
  readonly switch?: SecuritySwitchState;
}

export interface ResolvedListeners {
  /** The set of the cluster's security mode: clients connect here (descriptor, in-cluster tools). */
  readonly set: ListenerSet;
  /** During a switch: the old mode and its set, and the step the nodes are rendered for. */
  readonly switch?: { readonly from: ResolvedSecurity; readonly fromSet: ListenerSet; readonly step: 1 | 2 };
  /**
   * In-container tools use the set's own admin config (`admin-client-<set>.properties`), not
   * `admin-client.properties`: set for the view of a cluster that a switch is rolling away from.
   * @default - only on set b or during a switch
   */
  readonly toolsBySet?: boolean;
}

export function resolveListeners(state: ListenerState | undefined, users: readonly string[] | undefined): ResolvedListeners {
  const set = state?.set ?? 'a';
  if (!state?.switch) return { set };
  return {
    set,
    switch: {
      from: resolveSecurity({ mode: state.switch.from, ...(state.switch.mechanism ? { mechanism: state.switch.mechanism } : {}), ...(users ? { users } : {}) }),
      fromSet: otherSet(set),
      step: state.switch.step,
    },
  };
}

/** Problems with a listener state file's content (it is hand-editable JSON in the state folder). */
export function listenerStateProblems(state: unknown): string[] {
  if (!isObject(state)) return [`must hold a JSON object such as { "set": "a" }`];
  const problems: string[] = [];
  if (state.set !== undefined && !(LISTENER_SETS as readonly unknown[]).includes(state.set)) problems.push(fieldProblem('set', state.set, 'must be "a" or "b"', asJson));
  if (state.switch === undefined) return problems;
  const w = state.switch as Record<string, unknown> | null;
  if (typeof w !== 'object' || w === null) return [...problems, fieldProblem('switch', w, 'must be an object { "from": mode, "step": 1 | 2 }', asJson)];
  if (!(SWITCHABLE_MODES as readonly unknown[]).includes(w.from)) problems.push(fieldProblem('switch.from', w.from, `must be one of ${SWITCHABLE_MODES.join(', ')}`, asJson));
  if (w.step !== 1 && w.step !== 2) problems.push(fieldProblem('switch.step', w.step, 'must be 1 or 2', asJson));
  if (w.mechanism !== undefined && !(SASL_MECHANISMS as readonly unknown[]).includes(w.mechanism)) {
    problems.push(fieldProblem('switch.mechanism', w.mechanism, `must be one of ${SASL_MECHANISMS.join(', ')}`, asJson));
  }
  return problems;
}
