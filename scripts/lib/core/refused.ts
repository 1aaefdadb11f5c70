import { EXIT } from './cli.ts';

/**
 * An operation that will not run: `usage` for a request that cannot be met (exit 2), `failed` for
 * a cluster not ready for it (exit 1). Entry points turn it into its message and exit code.
 */
export class OperationRefused extends Error {
  constructor(
    message: string,
    readonly kind: 'usage' | 'failed',
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** For an OperationRefused: print its message and return its exit code; undefined for anything else. */
export function refusalExitCode(error: unknown): number | undefined {
  if (!(error instanceof OperationRefused)) return undefined;
  console.error(error.message);
  return error.kind === 'usage' ? EXIT.usage : EXIT.failed;
}
