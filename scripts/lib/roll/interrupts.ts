/**
 * A roll's interrupt (Ctrl-C) handling, from its first restart on:
 * 1. The roll says which node is in flight and in which phase (`track`), and calls `guard()`
 *    between steps.
 * 2. On the first interrupt: say so on stderr and mark the roll interrupted, so that every later
 *    `guard()` throws RollInterrupted. Later interrupts are ignored.
 * 3. Put the node in flight back: a node stopping, stopped or starting is stopped (a stop in flight
 *    finishes first) and started again; a node in a wait or an election is left as it is.
 * 4. `finish` builds the interrupted report from what was done (step 3's words) and the node then
 *    in flight, and `report` resolves with it: the roll returns it, whatever step it was in.
 */
import { RollInterrupted } from '../../../stacks/model/errors.ts';
import { nodeLabel, type RollNode } from './order.ts';
import type { RollReport } from './report.ts';
import type { RollDeps } from './roll-deps.ts';

/** The phase of one restart: what an interrupt must undo. */
export type RestartPhase = 'safe-wait' | 'stopping' | 'stopped' | 'starting' | 'back-wait' | 'electing';

/** Builds the interrupted report: `what` was done about the node in flight (`nodeInFlight`, read when the report is made). */
export type FinishInterrupted = (what: string) => Promise<RollReport>;

export class RollInterrupts {
  /** Resolves with the interrupted report once an interrupt came and the node in flight is back; never rejects. */
  readonly report: Promise<RollReport>;
  private inFlight: { readonly node: RollNode; readonly phase: RestartPhase } | undefined;
  private wasInterrupted = false;
  private resolveReport: (report: RollReport) => void = () => {};
  private readonly unsubscribe: () => void;

  constructor(
    private readonly deps: Pick<RollDeps, 'interrupts' | 'stopNode' | 'startNode'>,
    private readonly stopGraceSeconds: number,
    private readonly finish: FinishInterrupted,
  ) {
    this.report = new Promise((resolve) => {
      this.resolveReport = resolve;
    });
    this.unsubscribe = deps.interrupts.subscribe(() => this.onInterrupt());
  }

  get interrupted(): boolean {
    return this.wasInterrupted;
  }

  /** The node being restarted, if any. */
  get nodeInFlight(): RollNode | undefined {
    return this.inFlight?.node;
  }

  /** `node` is now in `phase`; undefined: no node is in flight. */
  track(node: RollNode, phase: RestartPhase): void;
  track(node: undefined): void;
  track(node: RollNode | undefined, phase?: RestartPhase): void {
    this.inFlight = node && phase ? { node, phase } : undefined;
  }

  /** A checkpoint between two steps: throws RollInterrupted once an interrupt came. */
  guard(): void {
    if (this.wasInterrupted) throw new RollInterrupted('roll interrupted (SIGINT)');
  }

  /** Put the node in flight back (step 3); says what was done. Also used when the roll fails unexpectedly. */
  async restore(): Promise<string> {
    if (!this.inFlight) return 'no node was stopped';
    const { node, phase } = this.inFlight;
    if (phase === 'stopping' || phase === 'stopped' || phase === 'starting') {
      // A stop in flight finishes first (docker stop waits for it), then the node starts again.
      await this.deps.stopNode(node.container, this.stopGraceSeconds).catch(() => undefined);
      await this.deps.startNode(node.container);
      return `${nodeLabel(node)} was ${phase === 'starting' ? 'starting' : 'stopped'}: started it again`;
    }
    return `${nodeLabel(node)} was not stopped (${phase})`;
  }

  /** Stop listening for interrupts. */
  dispose(): void {
    this.unsubscribe();
  }

  private onInterrupt(): void {
    if (this.wasInterrupted) return;
    this.wasInterrupted = true;
    this.deps.interrupts.say('\ninterrupted: putting the node in flight back before exiting…\n');
    void this.putBack();
  }

  private async putBack(): Promise<void> {
    let what: string;
    try {
      what = await this.restore();
    } catch (error) {
      const container = this.inFlight?.node.container;
      what = `could not start ${container} again: ${(error as Error).message}; start it with docker start ${container}`;
    }
    this.resolveReport(await this.finish(what));
  }
}
