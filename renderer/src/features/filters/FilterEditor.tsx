import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { codeEditorMount } from '../../components/code-editor-mount.js';
import { useControlledEditor } from '../../components/controlled-editor.js';
import type { FilterSchemas } from '../../../../shared/ipc/filters.js';
import {
  lintFilterAgainstData,
  type FilterDataContext,
} from '../../../../shared/rules/filter-data-lint.js';
import {
  lintFilterExpression,
  type FilterDiagnostic,
  type FilterSchemaContext,
} from '../../../../shared/rules/filter-expression.js';

/**
 * What the lint checks fields against: the group's schemas, or why it checks grammar only; and
 * what the imported data holds for its warnings (event types, schemas).
 *
 * @param schemas the `filters.schemas` answer; undefined while loading or when the call failed
 * @param loadError the failed call's message, if it failed
 * @returns `context` for {@link filterDiagnostics} when there are schemas; otherwise `skipped`,
 *   a sentence naming the field checks left out and why. `data`, for the warnings, whenever
 *   the answer names event types or schemas.
 */
export function filterLintContext(
  schemas: FilterSchemas | undefined,
  loadError?: string,
): { context?: FilterSchemaContext; skipped?: string; data?: FilterDataContext } {
  const data: FilterDataContext | undefined =
    schemas === undefined || loadError !== undefined
      ? undefined
      : {
          eventTypes: schemas.eventTypes,
          ...(schemas.unavailable === undefined ? { datasets: schemas.datasets } : {}),
        };
  return { ...schemaLintContext(schemas, loadError), ...(data === undefined ? {} : { data }) };
}

function schemaLintContext(
  schemas: FilterSchemas | undefined,
  loadError?: string,
): { context?: FilterSchemaContext; skipped?: string } {
  const reason =
    loadError !== undefined
      ? `the schemas could not be read (${loadError})`
      : schemas === undefined
        ? 'the schemas are still loading'
        : schemas.unavailable;
  if (reason === undefined && schemas !== undefined)
    return { context: { datasets: schemas.datasets } };
  return {
    skipped: `Grammar checked; field checks skipped (datasets and columns exist, textual and boolean columns, numeric comparisons, IF needs Users): ${reason ?? 'no schemas'}. CreateFilter still checks them.`,
  };
}

/**
 * CodeMirror diagnostics of a filter expression from the shared parser (the one the Local
 * sandbox validates CreateFilter with): each problem at its position, with its suggested fix
 * as an action. With `context` (the group's schemas) the field checks run too. With `data`
 * (the imported event types) come the warnings of `lintFilterAgainstData`: CreateFilter accepts
 * the expression, but it filters nothing on this data (an event type no interaction has).
 * Errors have severity `error`, warnings `warning`; sorted by position.
 */
export function filterDiagnostics(
  text: string,
  context?: FilterSchemaContext,
  data?: FilterDataContext,
): Diagnostic[] {
  if (text.trim() === '') return [];
  const problems: (FilterDiagnostic & { severity: 'error' | 'warning' })[] = [
    ...lintFilterExpression(text, context).map((problem) => ({
      ...problem,
      severity: 'error' as const,
    })),
    ...(data === undefined ? [] : lintFilterAgainstData(text, data)),
  ].sort((a, b) => a.from - b.from || a.to - b.to);
  return problems.map((problem) => ({
    from: Math.min(problem.from, text.length),
    to: Math.min(Math.max(problem.to, problem.from), text.length),
    severity: problem.severity,
    message: problem.message,
    ...(problem.fix === undefined
      ? {}
      : {
          actions: [
            {
              name: problem.fix.label,
              apply: (view: EditorView) =>
                view.dispatch({
                  changes: {
                    from: problem.fix?.from ?? 0,
                    to: problem.fix?.to ?? 0,
                    insert: problem.fix?.insert ?? '',
                  },
                }),
            },
          ],
        }),
  }));
}

/**
 * The filter expression editor: CodeMirror 6 with live lint (gutter markers, underlines, fixes)
 * from {@link filterDiagnostics}. Controlled: `value` replaces the text when it changes from
 * outside (a template), `onChange` gets every edit.
 */
export function FilterEditor({
  value,
  onChange,
  ariaLabel,
  context,
  data,
}: {
  value: string;
  onChange: (text: string) => void;
  ariaLabel: string;
  /** The group's schemas for the field checks; without them the editor checks grammar only. */
  context?: FilterSchemaContext;
  /** The imported data for the warnings (event types); without it, no warning. */
  data?: FilterDataContext;
}) {
  const host = useRef<HTMLDivElement | null>(null);
  const view = useRef<EditorView | null>(null);
  const controlled = useControlledEditor(view, value, onChange);
  const contextRef = useRef(context);
  contextRef.current = context;
  const dataRef = useRef(data);
  dataRef.current = data;

  useEffect(() => {
    if (host.current === null) return undefined;
    const { root, parent } = codeEditorMount(host.current);
    const editor = new EditorView({
      root,
      parent,
      state: EditorState.create({
        doc: value,
        extensions: [
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          lintGutter(),
          linter(
            (editorView) =>
              filterDiagnostics(
                editorView.state.doc.toString(),
                contextRef.current,
                dataRef.current,
              ),
            {
              delay: 150,
            },
          ),
          placeholder('INCLUDE ItemID WHERE Items.GENRE IN ($GENRE)'),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': ariaLabel, role: 'textbox' }),
          controlled,
          EditorView.theme({
            '&': {
              border: '2px solid #8c8c94',
              borderRadius: '8px',
              minHeight: '72px',
              backgroundColor: '#ffffff',
              color: '#000716',
            },
            '&.cm-focused': { outline: '2px solid #006ce0' },
            '.cm-content': { fontFamily: 'monospace', fontSize: '14px', padding: '8px 4px' },
            '.cm-placeholder': { color: '#656871' },
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is created once; `value` changes are applied by useControlledEditor.
  }, []);

  return <div ref={host} data-testid="filter-editor" />;
}
