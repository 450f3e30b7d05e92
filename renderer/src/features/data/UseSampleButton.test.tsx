// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setBridge } from '../../api/client.js';
import { renderWithStudio } from '../../test-support/fake-studio.js';
import { filesReplacedBySample, UseSampleButton, type SampleFiles } from './UseSampleButton.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
});

/** What `data.sample` answers (the bundled sample has no users file here). */
const sample: SampleFiles = {
  interactions: '/app/samples/interactions.csv',
  items: '/app/samples/items.csv',
  description: 'MovieLens sample',
};

describe('filesReplacedBySample', () => {
  it('names each filled slot the sample changes, and none it already holds', () => {
    expect(
      filesReplacedBySample(
        { interactions: '/poc/acme/clicks.csv', items: sample.items, users: '/poc/acme/users.csv' },
        sample,
      ),
    ).toEqual([
      {
        datasetType: 'interactions',
        path: '/poc/acme/clicks.csv',
        samplePath: sample.interactions,
      },
      { datasetType: 'users', path: '/poc/acme/users.csv', samplePath: undefined },
    ]);
    expect(filesReplacedBySample({}, sample)).toEqual([]);
  });
});

describe('UseSampleButton', () => {
  it('asks first, naming the files it would replace, and keeps them on Keep my files', async () => {
    const onUse = vi.fn(() => Promise.resolve());
    renderWithStudio(
      <UseSampleButton
        files={{ interactions: '/poc/acme/clicks.csv', users: '/poc/acme/users.csv' }}
        onUse={onUse}
        onError={() => undefined}
      />,
      { 'data.sample': () => sample },
    );
    fireEvent.click(screen.getByRole('button', { name: 'Use the sample POC' }));
    const listed = await screen.findByTestId('sample-replaces');
    expect([...listed.querySelectorAll('li')].map((item) => item.textContent)).toEqual([
      'interactions: /poc/acme/clicks.csv',
      'users: /poc/acme/users.csv (the sample has none: the slot is emptied)',
    ]);
    expect(screen.getByText('Replace the chosen files with the sample?')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Keep my files' }));
    expect(onUse).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Use the sample POC' }));
    fireEvent.click(await screen.findByTestId('confirm-use-sample'));
    await waitFor(() => expect(onUse).toHaveBeenCalledWith(sample));
  });

  it('loads the sample at once when every slot is empty', async () => {
    const onUse = vi.fn(() => Promise.resolve());
    renderWithStudio(<UseSampleButton files={{}} onUse={onUse} onError={() => undefined} />, {
      'data.sample': () => sample,
    });
    fireEvent.click(screen.getByRole('button', { name: 'Use the sample POC' }));
    await waitFor(() => expect(onUse).toHaveBeenCalledWith(sample));
    expect(screen.queryByTestId('sample-replaces')).toBeNull();
  });
});
