// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { IdListField, parseIdList } from './IdListField.js';

afterEach(cleanup);

function Harness({ max }: { max?: number }) {
  const [text, setText] = useState('');
  return (
    <IdListField
      label="Item ids to rank"
      ariaLabel="Item ids to rank"
      value={text}
      onChange={setText}
      {...(max === undefined ? {} : { max })}
    />
  );
}

describe('IdListField', () => {
  it('parses commas, semicolons, spaces and new lines, keeping each id once in order', () => {
    expect(parseIdList(' 1, 260;2\n\n1  318\t3 ')).toEqual(['1', '260', '2', '318', '3']);
    expect(parseIdList(' \n,')).toEqual([]);
  });

  it('counts the ids as typed and refuses more than the limit', () => {
    const { container } = render(<Harness max={3} />);
    const box = screen.getByRole('textbox', { name: 'Item ids to rank' });
    fireEvent.change(box, { target: { value: '1, 2\n2 3' } });
    expect(container.textContent).toContain('1 to 3 ids, 3 now.');
    expect(container.textContent).not.toContain('At most 3 ids.');
    fireEvent.change(box, { target: { value: '1 2 3 4' } });
    expect(container.textContent).toContain('4 now.');
    expect(container.textContent).toContain('At most 3 ids.');
  });

  it('without a limit only counts', () => {
    const { container } = render(<Harness />);
    fireEvent.change(screen.getByRole('textbox', { name: 'Item ids to rank' }), {
      target: { value: Array.from({ length: 1200 }, (_, i) => `u${i}`).join('\n') },
    });
    expect(container.textContent).toContain('Commas, spaces or one per line; 1,200 now.');
    expect(container.textContent).not.toContain('At most');
  });
});
