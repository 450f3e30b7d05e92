// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../../shared/errors.js';
import { buildBridge } from '../../../../shared/ipc/bridge.js';
import type { Channel } from '../../../../shared/ipc/contract.js';
import { setBridge } from '../../api/client.js';
import { FileBrowserModal, looksLikeDataFile } from './FileBrowserModal.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
});

/** A host with two folders: /home/me (the default) and /data (holding a.csv). */
function renderModal(onChoose = vi.fn()) {
  const listings: Record<
    string,
    {
      directory: string;
      parent?: string;
      entries: { name: string; path: string; isDirectory: boolean }[];
    }
  > = {
    '': { directory: '/home/me', parent: '/home', entries: [] },
    '/data': {
      directory: '/data',
      parent: '/',
      entries: [{ name: 'a.csv', path: '/data/a.csv', isDirectory: false }],
    },
  };
  setBridge(
    buildBridge(
      (channel: Channel, input: unknown) => {
        const directory = (input as { directory?: string }).directory ?? '';
        const listing = channel === 'data.listDirectory' ? listings[directory] : undefined;
        return Promise.resolve(
          listing === undefined
            ? {
                ok: false as const,
                error: {
                  code: 'file.notFound' as const,
                  message: `Folder ${directory} does not exist.`,
                },
              }
            : { ok: true as const, value: listing },
        );
      },
      () => () => undefined,
    ),
  );
  render(
    <QueryClientProvider
      client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
    >
      <FileBrowserModal
        title="Choose interactions file"
        onChoose={onChoose}
        onDismiss={() => undefined}
      />
    </QueryClientProvider>,
  );
  return { onChoose, input: screen.getByRole('textbox', { name: 'File path' }) };
}

describe('FileBrowserModal', () => {
  it('opens a typed folder path on Enter instead of choosing it', async () => {
    const { onChoose, input } = renderModal();
    fireEvent.change(input, { target: { value: '/data' } });
    fireEvent.keyDown(input, { key: 'Enter', keyCode: 13 });
    await waitFor(() =>
      expect(screen.getByTestId('file-browser-directory').textContent).toBe('/data'),
    );
    expect(await screen.findByRole('button', { name: 'Choose file a.csv' })).toBeTruthy();
    expect(onChoose).not.toHaveBeenCalled();
  });

  it('chooses a typed CSV path on Enter', () => {
    const { onChoose, input } = renderModal();
    fireEvent.change(input, { target: { value: '/data/a.csv' } });
    fireEvent.keyDown(input, { key: 'Enter', keyCode: 13 });
    expect(onChoose).toHaveBeenCalledWith('/data/a.csv');
  });

  it('chooses a typed path that is no folder as a file', async () => {
    const { onChoose, input } = renderModal();
    fireEvent.change(input, { target: { value: '/data/events' } });
    fireEvent.click(screen.getByRole('button', { name: 'Use this file' }));
    await waitFor(() => expect(onChoose).toHaveBeenCalledWith('/data/events'));
  });

  it('keeps the typed path and shows why a file cannot be set inside the dialog', async () => {
    const onChoose = vi.fn(() =>
      Promise.reject(new AppError('file.notFound', 'File /tmp/does-not-exist.csv does not exist.')),
    );
    const { input } = renderModal(onChoose);
    fireEvent.change(input, { target: { value: '/tmp/does-not-exist.csv' } });
    // The Enter is consumed: it must not also press the button that gets the focus back.
    expect(fireEvent.keyDown(input, { key: 'Enter', keyCode: 13 })).toBe(false);
    const alert = await screen.findByTestId('file-browser-choose-error');
    expect(alert.textContent).toContain('File /tmp/does-not-exist.csv does not exist.');
    expect(alert.textContent).not.toContain('file.notFound');
    expect((input as HTMLInputElement).value).toBe('/tmp/does-not-exist.csv');
    expect(onChoose).toHaveBeenCalledWith('/tmp/does-not-exist.csv');
  });

  it('knows data files by extension', () => {
    expect(looksLikeDataFile('/x/interactions.csv.gz')).toBe(true);
    expect(looksLikeDataFile('/x/Items.CSV')).toBe(true);
    expect(looksLikeDataFile('/x/folder')).toBe(false);
  });
});
