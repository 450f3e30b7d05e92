import { json } from '@codemirror/lang-json';
import { ensureSyntaxTree } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { rangeOfPath, schemaDiagnostics } from './schema-diagnostics.js';

function stateOf(text: string): EditorState {
  const state = EditorState.create({ doc: text, extensions: [json()] });
  ensureSyntaxTree(state, state.doc.length, 5000);
  return state;
}

const TEXT = JSON.stringify(
  {
    type: 'record',
    name: 'Interactions',
    fields: [
      { name: 'USER_ID', type: 'string' },
      { name: 'ITEM_ID', type: 'string' },
      { name: 'TIMESTAMP', type: 'int' },
      { name: 'EVENT_TYPE', type: 'string', categorical: true },
    ],
  },
  null,
  2,
);

describe('schemaDiagnostics', () => {
  it('puts each finding on the JSON value its path names, with the rule explained', () => {
    const state = stateOf(TEXT);
    const diagnostics = schemaDiagnostics(state, 'interactions');
    expect(
      diagnostics.map((diagnostic) => [
        diagnostic.source,
        state.sliceDoc(diagnostic.from, diagnostic.to),
      ]),
    ).toEqual([
      ['reserved.type', '"int"'],
      ['reserved.categorical', 'true'],
    ]);
    expect(diagnostics[0]?.message).toContain('Unix epoch seconds');
    expect(diagnostics.every((diagnostic) => diagnostic.severity === 'error')).toBe(true);
  });

  it('marks the fields array for a missing field and the start for a syntax error', () => {
    const state = stateOf(TEXT);
    const range = rangeOfPath(state, ['fields']);
    expect(state.sliceDoc(range.from, range.to)).toMatch(/^\[\s*\{\s*"name": "USER_ID"/u);
    const broken = stateOf('{"type": "record", "fields": [');
    expect(schemaDiagnostics(broken, 'items')).toMatchObject([
      { source: 'schema.json', from: 0, to: 1 },
    ]);
  });
});
