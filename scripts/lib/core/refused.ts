import { EXIT, OperationRefused } from '../../../stacks/model/errors.ts';


/** For an OperationRefused: print its message and return its exit code; undefined for anything else. */
export function refusalExitCode(error: unknown): number | undefined {
  if (!(error instanceof OperationRefused)) return undefined;
  console.error(error.message);
  return error.kind === 'usage' ? EXIT.usage : EXIT.failed;
}
