import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The renderer's source files (tests left out): every text the user reads is written in them. */
function rendererSources(): string[] {
  return readdirSync(path.join(root, 'renderer', 'src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/u.test(file) && !/\.test\.tsx?$/u.test(file))
    .map((file) => path.join(root, 'renderer', 'src', file));
}

/** Every string literal, template text and JSX text of a file (comments are not nodes). */
function textsOf(file: string): string[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const texts: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node) ||
      ts.isJsxText(node)
    )
      texts.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return texts;
}

describe('UI text', () => {
  it('never sends the user to the sandbox reference (SPEC §…): the renderer says it in words', () => {
    const files = rendererSources();
    expect(files.length).toBeGreaterThan(50);
    const cited = files.flatMap((file) =>
      textsOf(file)
        .filter((text) => /\bSPEC\b|§/u.test(text))
        .map((text) => `${path.relative(root, file)}: ${text.trim().slice(0, 80)}`),
    );
    expect(cited).toEqual([]);
  });
});
