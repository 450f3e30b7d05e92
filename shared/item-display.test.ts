import { describe, expect, it } from 'vitest';
import { formatMetadataValue, otherMetadata, pickTitle } from './item-display.js';

describe('pickTitle', () => {
  it('uses TITLE in any case', () => {
    expect(
      pickTitle('1', { ITEM_ID: '1', title: 'Toy Story (1995)', GENRES: 'Animation' }),
    ).toEqual({ title: 'Toy Story (1995)', key: 'title' });
  });

  it('prefers TITLE over PRODUCT_NAME, NAME and DESCRIPTION', () => {
    expect(
      pickTitle('1', { DESCRIPTION: 'd', NAME: 'n', PRODUCT_NAME: 'p', Title: 't' }).title,
    ).toBe('t');
    expect(pickTitle('1', { DESCRIPTION: 'd', NAME: 'n', product_name: 'p' }).title).toBe('p');
    expect(pickTitle('1', { DESCRIPTION: 'd', Name: 'n' }).title).toBe('n');
    expect(pickTitle('1', { description: 'd', PRICE: '3' }).title).toBe('d');
  });

  it('skips empty values and falls back to the item id', () => {
    expect(pickTitle('42', { TITLE: '  ', NAME: 'Widget' }).title).toBe('Widget');
    expect(pickTitle('42', { GENRES: 'Drama' })).toEqual({ title: '42', key: undefined });
    expect(pickTitle('42', {})).toEqual({ title: '42', key: undefined });
  });

  it('does not match keys that only contain a title word', () => {
    expect(pickTitle('7', { SUBTITLE: 'x', NAME_LENGTH: '4' }).title).toBe('7');
  });
});

describe('otherMetadata', () => {
  it('lists the other non-empty fields, without the title and the item id, multi-values readable', () => {
    expect(
      otherMetadata(
        { ITEM_ID: '1', TITLE: 'T', GENRES: 'Comedy|Drama', YEAR: '1995', PRICE: '' },
        'TITLE',
      ),
    ).toEqual([
      ['GENRES', 'Comedy, Drama'],
      ['YEAR', '1995'],
    ]);
  });
});

describe('formatMetadataValue', () => {
  it('reads epoch-second timestamps as dates and leaves other values alone', () => {
    expect(formatMetadataValue('CREATION_TIMESTAMP', '1291191960')).toBe('2010-12-01');
    expect(formatMetadataValue('PRICE', '2.95')).toBe('2.95');
    expect(formatMetadataValue('TIMESTAMP', 'soon')).toBe('soon');
  });
});
