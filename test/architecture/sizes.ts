import ts from 'typescript';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/** The house's size limits: a file of scripts/, stacks/ or security/ and a function in it. */
export const MAX_FILE_LINES = 300;
export const MAX_FUNCTION_LINES = 120;

export interface Sized {
  readonly where: string;
  readonly lines: number;
}

/** The TypeScript sources of the house (tracked and new files, not tests, not generated). */
export function houseSources(root: string): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'scripts', 'stacks', 'security'], { cwd: root, encoding: 'utf8' });
  return out.split('\n').filter((f) => f.endsWith('.ts'));
}

export function lineCount(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** Every function, method and arrow function of a source, with its span in lines. */
export function functionSizes(file: string, text: string): Sized[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: Sized[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      found.push({ where: `${file}:${start + 1} ${nameOf(node)}`, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function nameOf(node: ts.Node): string {
  const named = node as ts.Node & { name?: ts.Node };
  if (named.name) return named.name.getText();
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent)) return parent.name.getText();
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText();
  return '(anonymous)';
}

export function fileSizes(root: string): Sized[] {
  return houseSources(root).map((f) => ({ where: f, lines: lineCount(readFileSync(`${root}/${f}`, 'utf8')) }));
}

export function allFunctionSizes(root: string): Sized[] {
  return houseSources(root).flatMap((f) => functionSizes(f, readFileSync(`${root}/${f}`, 'utf8')));
}

/** Optional fields of exported `…Options`/`…Props` interfaces whose doc comment has no `@default`. */
export function undocumentedDefaults(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const missing: string[] = [];
  for (const st of sf.statements) {
    if (!ts.isInterfaceDeclaration(st) || !/(Options|Props)$/.test(st.name.text)) continue;
    if (!st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    for (const member of st.members) {
      if (!ts.isPropertySignature(member) || !member.questionToken) continue;
      const docs = ts.getJSDocCommentsAndTags(member).map((d) => d.getText(sf)).join('\n');
      if (!docs.includes('@default')) missing.push(`${file}: ${st.name.text}.${member.name.getText(sf)}`);
    }
  }
  return missing;
}

export function allUndocumentedDefaults(root: string): string[] {
  return houseSources(root).flatMap((f) => undocumentedDefaults(f, readFileSync(`${root}/${f}`, 'utf8')));
}
