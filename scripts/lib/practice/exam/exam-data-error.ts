/**
 * A question file or the exam history cannot be used. Every line of the message starts with
 * `file:line:` and says what to fix, so an editor can jump to it.
 */
export class ExamDataError extends Error {
  constructor(readonly problems: readonly string[]) {
    const shown = problems.slice(0, MAX_SHOWN);
    const more = problems.length - shown.length;
    super(`${shown.join('\n')}${more > 0 ? `\n(and ${more} more problem${more > 1 ? 's' : ''})` : ''}`);
    this.name = 'ExamDataError';
  }
}

const MAX_SHOWN = 20;
