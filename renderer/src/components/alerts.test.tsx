// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import type { GuideView } from '../../../shared/guide.js';
import { ErrorAlert } from './ErrorAlert.js';
import { distinguishingName, FilesChangedAlert } from './FilesChangedAlert.js';

afterEach(cleanup);

describe('ErrorAlert', () => {
  it('shows the message without the internal error code, which stays on an attribute', () => {
    render(
      <ErrorAlert
        header="Import failed"
        error={new AppError('guide.notReady', 'Choose an interactions file first (step Data).')}
        testId="import-error"
      />,
    );
    const alert = screen.getByTestId('import-error');
    expect(alert.textContent).toContain('Choose an interactions file first (step Data).');
    expect(alert.textContent).not.toContain('guide.notReady');
    expect(alert.getAttribute('data-error-code')).toBe('guide.notReady');
  });
});

describe('FilesChangedAlert', () => {
  it('names files of the same name by the folders that tell them apart', () => {
    expect(
      distinguishingName('/work/a/raw/interactions.csv', '/work/a/fixed/interactions.csv'),
    ).toBe('raw/interactions.csv');
    expect(distinguishingName('/data/ratings.csv', '/data/other.csv')).toBe('ratings.csv');
    expect(distinguishingName(undefined, '/data/other.csv')).toBe('none');
    const view = {
      filesChanged: true,
      files: { interactions: '/tmp/ws/prepared/interactions.csv' },
      importedFiles: { interactions: '/home/me/retail/interactions.csv' },
    } as unknown as GuideView;
    render(<FilesChangedAlert view={view} />);
    expect(screen.getByTestId('files-changed').textContent).toContain(
      'trained on retail/interactions.csv; step Data now names prepared/interactions.csv. Import them',
    );
  });
});
