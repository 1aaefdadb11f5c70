import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/lib/core/paths.ts';
import { MAX_FILE_LINES, MAX_FUNCTION_LINES, allFunctionSizes, allUndocumentedDefaults, fileSizes, functionSizes, undocumentedDefaults } from './sizes.ts';

/** Generated tables, which may be as long as the data they hold. */
const GENERATED = new Set(['stacks/model/dynamic-keys.ts']);

describe('the house stays small', () => {
  it(`has no file of scripts/, stacks/ or security/ over ${MAX_FILE_LINES} lines (generated tables aside)`, () => {
    const big = fileSizes(projectRoot).filter((s) => s.lines > MAX_FILE_LINES && !GENERATED.has(s.where));
    expect(big.map((s) => `${s.where}: ${s.lines} lines`)).toEqual([]);
  });

  it(`has no function over ${MAX_FUNCTION_LINES} lines`, () => {
    const big = allFunctionSizes(projectRoot).filter((s) => s.lines > MAX_FUNCTION_LINES);
    expect(big.map((s) => `${s.where}: ${s.lines} lines`)).toEqual([]);
  });

  it('measures a function from its first line to its last, arrows and methods included', () => {
    const text = ['export function a(): void {', '  const b = () => {', '    return;', '  };', '}', 'class C {', '  m(): void {}', '}', ''].join('\n');
    expect(functionSizes('x.ts', text)).toEqual([
      { where: 'x.ts:1 a', lines: 5 },
      { where: 'x.ts:2 b', lines: 3 },
      { where: 'x.ts:7 m', lines: 1 },
    ]);
  });
});

describe('props are contracts', () => {
  it('documents the default of every optional field of an exported …Options or …Props interface', () => {
    expect(allUndocumentedDefaults(projectRoot)).toEqual([]);
  });

  it('finds a field without @default', () => {
    const text = 'export interface XOptions {\n  /** @default 3 */\n  readonly a?: number;\n  /** the b */\n  readonly b?: string;\n  readonly c: string;\n}\n';
    expect(undocumentedDefaults('x.ts', text)).toEqual(['x.ts: XOptions.b']);
  });
});
