import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

/** What each JSON syntax error (by jsonc-parser's code name) means, in words that say what to fix. */
const SYNTAX_ERRORS: Readonly<Record<string, string>> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'a property name in double quotes is expected here (is there a trailing comma?)',
  ValueExpected: 'a value is expected here (is there a trailing comma?)',
  ColonExpected: "':' is expected after the property name",
  CommaExpected: "',' is expected between two entries",
  CloseBraceExpected: "'}' is expected to close the object",
  CloseBracketExpected: "']' is expected to close the list",
  EndOfFileExpected: 'nothing may follow the top-level value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid \\u escape in a string',
  InvalidEscapeCharacter: 'invalid escape in a string',
  InvalidCharacter: 'a control character (such as a raw newline or tab) inside a string: escape it',
};

export interface Position {
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

/** Line and column of a character offset. */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export type JsonPath = readonly (string | number)[];

/** Parsed JSON that still knows where each value was written. */
export interface JsonSource {
  readonly value: unknown;
  /** The line of the value at `path`, or of its nearest written ancestor when it is missing. */
  lineOf(path: JsonPath): number;
}

export type JsonParseResult =
  | { readonly ok: true; readonly source: JsonSource }
  | { readonly ok: false; readonly position: Position; readonly problem: string };

/**
 * Strict JSON (no comments, no trailing commas), reporting the line and column of the first
 * syntax error and keeping the position of every value for later messages.
 */
export function parseJsonSource(text: string): JsonParseResult {
  if (text.trim() === '') return { ok: false, position: { line: 1, column: 1 }, problem: 'the file is empty: a JSON value is expected' };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first || !root) {
    const offset = first ? first.offset : text.length;
    const problem = first ? SYNTAX_ERRORS[printParseErrorCode(first.error)] ?? 'not valid JSON' : 'the file is empty: a JSON value is expected';
    return { ok: false, position: positionAt(text, offset), problem };
  }
  const lineOf = (path: JsonPath): number => {
    for (let n = path.length; n >= 0; n--) {
      const node: Node | undefined = findNodeAtLocation(root, [...path.slice(0, n)]);
      if (node) return positionAt(text, node.offset).line;
    }
    return 1;
  };
  return { ok: true, source: { value: getNodeValue(root) as unknown, lineOf } };
}
