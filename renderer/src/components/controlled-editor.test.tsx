// @vitest-environment jsdom
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { act, cleanup, render } from '@testing-library/react';
import { useEffect, useRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useControlledEditor } from './controlled-editor.js';

afterEach(cleanup);

/** A bare controlled editor; `onView` hands its EditorView to the test. */
function Harness({
  value,
  onChange,
  onView,
}: {
  value: string;
  onChange: (text: string) => void;
  onView: (view: EditorView) => void;
}) {
  const host = useRef<HTMLDivElement | null>(null);
  const view = useRef<EditorView | null>(null);
  const controlled = useControlledEditor(view, value, onChange);
  useEffect(() => {
    if (host.current === null) return undefined;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({ doc: value, extensions: [controlled] }),
    });
    view.current = editor;
    onView(editor);
    return () => editor.destroy();
  }, []);
  return <div ref={host} />;
}

const TEMPLATE = 'INCLUDE ItemID WHERE Items.GENRE IN ($GENRE)';

/** Types `text` at the end, one character per transaction, as keystrokes do. */
function typeAtEnd(view: EditorView, text: string): void {
  for (const character of text)
    view.dispatch({ changes: { from: view.state.doc.length, insert: character } });
}

/** Deletes `count` characters at the end, one per transaction, as Backspace does. */
function backspace(view: EditorView, count: number): void {
  for (let index = 0; index < count; index += 1)
    view.dispatch({ changes: { from: view.state.doc.length - 1, to: view.state.doc.length } });
}

/**
 * Mounts the harness on `TEMPLATE`; `setValue` re-renders it with a new controlled value, as a
 * parent's committed state does.
 */
function mount(): { view: EditorView; changes: string[]; setValue: (value: string) => void } {
  const changes: string[] = [];
  let editor: EditorView | undefined;
  const onChange = (text: string) => changes.push(text);
  const { rerender } = render(
    <Harness value={TEMPLATE} onChange={onChange} onView={(view) => (editor = view)} />,
  );
  if (editor === undefined) throw new Error('no editor');
  const setValue = (value: string) =>
    act(() => {
      rerender(<Harness value={value} onChange={onChange} onView={() => undefined} />);
    });
  return { view: editor, changes, setValue };
}

describe('useControlledEditor', () => {
  it('keeps keystrokes typed after a value React commits late (a stale echo of an earlier edit)', () => {
    const { view, changes, setValue } = mount();
    typeAtEnd(view, ' AND');
    backspace(view, 4);
    expect(view.state.doc.toString()).toBe(TEMPLATE);
    // The parent commits the value of the third keystroke only now, after the Backspaces.
    setValue(`${TEMPLATE} AN`);
    expect(view.state.doc.toString()).toBe(TEMPLATE);
    expect(changes.at(-1)).toBe(TEMPLATE);
    expect(changes).toHaveLength(8);
  });

  it('replaces the text with a value set from outside, without reporting it back as an edit', () => {
    const { view, changes, setValue } = mount();
    typeAtEnd(view, ' AND');
    const unwatched = 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("watched")';
    setValue(unwatched);
    expect(view.state.doc.toString()).toBe(unwatched);
    expect(changes).toEqual([' ', ' A', ' AN', ' AND'].map((tail) => `${TEMPLATE}${tail}`));
    // After the outside value, the earlier edits are no longer echoes: the value is applied.
    setValue(`${TEMPLATE} AN`);
    expect(view.state.doc.toString()).toBe(`${TEMPLATE} AN`);
  });
});
