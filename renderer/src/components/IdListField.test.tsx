// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { IdListField, idListError } from './IdListField.js';

afterEach(cleanup);

const LONG = `u${'x'.repeat(299)}`;

describe('a pasted id list', () => {
  it("names the line and the start of an id longer than the service's 256 characters", () => {
    const text = ['17850', '13047', LONG].join('\n');
    expect(idListError(text, 50_000)).toBe(
      `Line 3: the id "${LONG.slice(0, 24)}…" has 300 characters; an id has at most 256.`,
    );
    expect(idListError(['17850', 'x'.repeat(256)].join(', '), 50_000)).toBeUndefined();
    expect(idListError('a b c', 2)).toBe('At most 2 ids.');
    expect(idListError('a a a', 2)).toBeUndefined();
  });

  it('shows that error under the field as it is typed', () => {
    render(
      <IdListField
        label="User ids"
        ariaLabel="User ids for the batch job"
        value={`17850\n${LONG}`}
        onChange={() => undefined}
        max={50_000}
      />,
    );
    expect(screen.getByText(/^Line 2: the id "ux{23}…" has 300 characters/u)).toBeTruthy();
  });
});
