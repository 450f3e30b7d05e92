import { ensureSyntaxTree, syntaxTree } from '@codemirror/language';
import type { Diagnostic } from '@codemirror/lint';
import type { EditorState } from '@codemirror/state';
import type { SyntaxNode } from '@lezer/common';
import type { RuleDatasetType } from '../../../../shared/rules/dataset-rules.js';
import { lintSchema, type SchemaPath } from '../../../../shared/rules/schema-rules.js';

function valueChildren(node: SyntaxNode): SyntaxNode[] {
  const children: SyntaxNode[] = [];
  for (let child = node.firstChild; child !== null; child = child.nextSibling)
    if (!['[', ']', '{', '}', ','].includes(child.name) && !child.type.isError)
      children.push(child);
  return children;
}

/**
 * The text range of a schema path (`['fields', 2, 'type']`) in the JSON document, from
 * CodeMirror's JSON syntax tree: as deep as the path resolves (a missing key marks its object).
 */
export function rangeOfPath(state: EditorState, path: SchemaPath): { from: number; to: number } {
  const tree = ensureSyntaxTree(state, state.doc.length, 200) ?? syntaxTree(state);
  let node: SyntaxNode | null = tree.topNode.firstChild;
  if (node === null) return { from: 0, to: Math.min(1, state.doc.length) };
  let range = { from: node.from, to: node.to };
  for (const key of path) {
    if (node === null) break;
    let next: SyntaxNode | undefined;
    if (typeof key === 'number' && node.name === 'Array') next = valueChildren(node)[key];
    if (typeof key === 'string' && node.name === 'Object') {
      for (const property of valueChildren(node)) {
        const name = property.getChild('PropertyName');
        if (name !== null && state.sliceDoc(name.from, name.to) === JSON.stringify(key)) {
          next = property.lastChild ?? property;
          range = { from: name.from, to: property.to };
          break;
        }
      }
    }
    if (next === undefined) break;
    node = next;
    range = { from: next.from, to: next.to };
  }
  return range;
}

/**
 * CodeMirror diagnostics of a schema: each finding of the shared schema rules at the place its
 * path names, its message followed by the rule's explanation.
 */
export function schemaDiagnostics(state: EditorState, datasetType: RuleDatasetType): Diagnostic[] {
  const text = state.doc.toString();
  if (text.trim() === '') return [];
  return lintSchema(text, datasetType).findings.map((finding) => {
    const range =
      finding.code === 'schema.json'
        ? { from: 0, to: Math.min(text.length, 1) }
        : rangeOfPath(state, finding.path);
    return {
      from: range.from,
      to: Math.max(range.from, range.to),
      severity: finding.severity,
      source: finding.code,
      message: `${finding.message}\n${finding.explanation}`,
    };
  });
}
