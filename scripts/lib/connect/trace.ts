/**
 * A Java stack trace from Connect's status (`trace`) in plain words: the line that names the cause
 * (the last "Caused by:", else the first line), Java class names without their package, one line.
 */

export const MAX_ERROR_CHARS = 300;

/** `a.b.c.SomeException` (two or more lowercase package parts, then the class, maybe `$Inner`). */
const QUALIFIED_CLASS = /\b(?:[a-z_$][\w$]*\.){2,}([A-Z][\w$]*)/g;

export function plainError(trace: string): string {
  const lines = trace.split(/\r?\n/).map((l) => l.trim());
  const causes = lines.filter((l) => l.startsWith('Caused by:'));
  const line = causes.length > 0 ? causes[causes.length - 1]!.slice('Caused by:'.length).trim() : (lines.find((l) => l !== '') ?? '');
  const plain = line.replace(QUALIFIED_CLASS, '$1').replace(/\s+/g, ' ').trim();
  return plain.length > MAX_ERROR_CHARS ? `${plain.slice(0, MAX_ERROR_CHARS - 1)}…` : plain;
}
