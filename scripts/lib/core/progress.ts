/**
 * Progress for long waits: a spinner on a terminal, one line every few seconds otherwise
 * (CI logs), always with the elapsed time.
 */
export interface Progress {
  /** Replace the detail shown after the title. */
  update(detail: string): void;
  /** Stop and print a final line. */
  done(result: string): void;
  fail(result: string): void;
}

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function startProgress(title: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  const tty = Boolean(stream.isTTY) && !process.env.CI;
  let detail = '';
  let frame = 0;
  const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  const line = (): string => `${title}${detail ? `: ${detail}` : ''} (${elapsed()})`;
  if (!tty) stream.write(`… ${title}\n`);
  const timer = setInterval(
    () => {
      if (tty) stream.write(`\r\x1b[2K${frames[frame++ % frames.length]} ${line()}`);
      else stream.write(`  … ${line()}\n`);
    },
    tty ? 100 : 10_000,
  );
  timer.unref();
  const finish = (mark: string, result: string): void => {
    clearInterval(timer);
    stream.write(`${tty ? '\r\x1b[2K' : ''}${mark} ${title}: ${result} (${elapsed()})\n`);
  };
  return {
    update(d: string) {
      detail = d;
    },
    done(result: string) {
      finish('✔', result);
    },
    fail(result: string) {
      finish('✖', result);
    },
  };
}

/** Run `fn` under a progress line; the line ends with ok or the error's message. */
export async function withProgress<T>(title: string, fn: (p: Progress) => Promise<T>, okText = 'done'): Promise<T> {
  const p = startProgress(title);
  try {
    const value = await fn(p);
    p.done(okText);
    return value;
  } catch (error) {
    p.fail(error instanceof Error ? error.message.split('\n')[0]! : String(error));
    throw error;
  }
}

/** Time as a wait sees it; tests pass a fake that jumps instead of sleeping. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface WaitOptions {
  /** What is awaited, for the error message. */
  readonly what: string;
  readonly timeoutMs: number;
  /** @default 1000 */
  readonly intervalMs?: number;
  /** Updated with the last answer while waiting. @default - no progress line */
  readonly progress?: Progress;
  /** @default systemClock */
  readonly clock?: Clock;
}

/**
 * Poll `probe` until it returns a value other than undefined, or throw after the deadline with
 * the last reason seen. `probe` returns undefined (or throws) while not ready.
 */
export async function waitFor<T>(probe: () => Promise<T | undefined>, opts: WaitOptions): Promise<T> {
  const clock = opts.clock ?? systemClock;
  const deadline = clock.now() + opts.timeoutMs;
  const interval = opts.intervalMs ?? 1000;
  let last = 'not ready yet';
  // KAFKALAB_TRACE=1: every change of what a wait is waiting for, timestamped (for timing a roll).
  const t0 = Date.now();
  const trace =
    process.env.KAFKALAB_TRACE === '1'
      ? (text: string): void => void process.stderr.write(`[trace ${new Date().toISOString().slice(11, 23)} +${Date.now() - t0}ms] ${opts.what}: ${text}\n`)
      : undefined;
  let traced = '';
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) {
        trace?.('ok');
        return v;
      }
    } catch (error) {
      last = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      opts.progress?.update(last);
      if (trace && last !== traced) {
        traced = last;
        trace(last);
      }
    }
    if (clock.now() >= deadline) {
      throw new Error(`timed out after ${Math.round(opts.timeoutMs / 1000)}s waiting for ${opts.what}: ${last}`);
    }
    await clock.sleep(interval);
  }
}

