// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildBridge } from '../../../../shared/ipc/bridge.js';
import type { Channel } from '../../../../shared/ipc/contract.js';
import type { GuideView } from '../../../../shared/guide.js';
import { setBridge } from '../../api/client.js';
import { emptyGuideView } from '../../test-support/empty-guide-view.js';
import { renderWithStudio } from '../../test-support/fake-studio.js';
import { profileQueryKey } from '../data/data-hooks.js';
import { idMatchText } from './DisplaySettings.js';
import { ExploreStep } from './ExploreStep.js';
import { userIdError } from './UserRequestForm.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
});

const poc: GuideView = {
  ...emptyGuideView(),
  importedFiles: { interactions: '/data/interactions.csv' },
  campaign: {
    campaignArn: 'arn:c',
    name: 'poc-campaign',
    solutionVersionArn: 'arn:v',
    recipe: 'aws-user-personalization',
    status: 'ACTIVE',
    minProvisionedTPS: 1,
  },
};

const SHORTCUTS = {
  heavy: [
    { userId: '17841', historyCount: 7838 },
    { userId: '7', historyCount: 412 },
  ],
  light: [{ userId: '42', historyCount: 2 }],
  cold: ['new-customer-1'],
};

/** Renders the step over a fake bridge whose recommendations.recommend knows user 7 (412 interactions). */
function renderStep(seed?: (queryClient: QueryClient) => void) {
  const recommend = vi.fn((input: { userId: string }) =>
    Promise.resolve({
      ok: true as const,
      value: {
        userId: input.userId,
        historyCount: input.userId === '7' ? 412 : 0,
        items: [{ itemId: 'i1', metadata: { TITLE: 'Top item' } }],
      },
    }),
  );
  setBridge(
    buildBridge(
      (channel: Channel, input: unknown) =>
        channel === 'recommendations.recommend'
          ? recommend(input as { userId: string })
          : channel === 'recommendations.userShortcuts'
            ? Promise.resolve({ ok: true as const, value: SHORTCUTS })
            : Promise.resolve({
                ok: false as const,
                error: { code: 'internal' as const, message: 'not faked' },
              }),
      () => () => undefined,
    ),
  );
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  seed?.(queryClient);
  render(
    <QueryClientProvider client={queryClient}>
      <ExploreStep workspaceId="ws" poc={poc} />
    </QueryClientProvider>,
  );
  return {
    recommend,
    input: screen.getByRole('textbox', { name: 'User ID' }),
    button: screen.getByRole('button', { name: 'Get recommendations' }),
  };
}

describe('userIdError', () => {
  it('accepts 1..256 characters', () => {
    expect(userIdError('7')).toBeUndefined();
    expect(userIdError('x'.repeat(256))).toBeUndefined();
    expect(userIdError('x'.repeat(257))).toBe('A user id has at most 256 characters.');
    expect(userIdError('  ')).toBe('Enter a user id.');
  });
});

describe('ExploreStep', () => {
  it("starts the event sender on the imported interactions' most frequent event type", () => {
    renderStep((queryClient) =>
      queryClient.setQueryData(profileQueryKey('interactions', '/data/interactions.csv'), {
        eventTypes: [
          { value: 'view', count: 12 },
          { value: 'purchase', count: 541909 },
        ],
      }),
    );
    expect(screen.getByRole('textbox', { name: 'Event type' })).toHaveProperty('value', 'purchase');
    cleanup();
    renderStep();
    expect(screen.getByRole('textbox', { name: 'Event type' })).toHaveProperty('value', 'watch');
  });

  it('shows the history count next to the title for a known user', async () => {
    const { input, button } = renderStep();
    fireEvent.change(input, { target: { value: '7' } });
    fireEvent.click(button);
    await waitFor(() => expect(screen.getByTestId('recommendations').dataset.userId).toBe('7'));
    expect(screen.getByTestId('history-count').textContent).toBe('412 interactions');
    expect(screen.queryByTestId('cold-user-alert')).toBeNull();
  });

  it('warns about a cold user, and clears the results when the input changes to another user', async () => {
    const { input, button } = renderStep();
    fireEvent.change(input, { target: { value: 'no-such-user-xyz' } });
    fireEvent.click(button);
    await waitFor(() => expect(screen.getByTestId('cold-user-alert')).toBeTruthy());
    expect(screen.getByTestId('cold-user-alert').textContent).toContain(
      'User no-such-user-xyz is not in the interactions data (a cold user): Personalize answers with popular items',
    );
    fireEvent.change(input, { target: { value: 'no-such-user-xy' } });
    expect(screen.queryByTestId('recommendations')).toBeNull();
    expect(screen.queryByTestId('cold-user-alert')).toBeNull();
    expect(screen.getByTestId('recommendations-empty')).toBeTruthy();
  });

  it('refuses a user id longer than 256 characters with a clear message', () => {
    const { input, button, recommend } = renderStep();
    fireEvent.change(input, { target: { value: 'u'.repeat(257) } });
    expect(screen.getByText('A user id has at most 256 characters.')).toBeTruthy();
    expect(button.hasAttribute('disabled') || button.getAttribute('aria-disabled') === 'true').toBe(
      true,
    );
    expect(recommend).not.toHaveBeenCalled();
  });
});

describe('ExploreStep shortcuts', () => {
  it('shows heavy / light / cold groups; a click fills the User ID and asks for that user', async () => {
    const { input, recommend } = renderStep();
    const heavy = await screen.findByRole('button', {
      name: 'Recommendations for heavy user 17841',
    });
    expect(heavy.textContent).toBe('17841 (7,838)');
    expect(
      screen.getByRole('button', { name: 'Recommendations for light user 42' }).textContent,
    ).toBe('42 (2)');
    expect(screen.getByTestId('user-shortcuts').textContent).toContain('Cold:');
    fireEvent.click(heavy);
    await waitFor(() => expect(screen.getByTestId('recommendations').dataset.userId).toBe('17841'));
    expect(recommend).toHaveBeenCalledWith(
      expect.objectContaining({ workspaceId: 'ws', userId: '17841' }),
    );
    expect((input as HTMLInputElement).value).toBe('17841');

    fireEvent.click(
      screen.getByRole('button', { name: 'Recommendations for cold user new-customer-1' }),
    );
    await waitFor(() => expect(screen.getByTestId('cold-user-alert')).toBeTruthy());
    expect(recommend).toHaveBeenLastCalledWith(
      expect.objectContaining({ userId: 'new-customer-1' }),
    );
    expect((input as HTMLInputElement).value).toBe('new-customer-1');
  });
});

describe('ExploreStep titles file id column', () => {
  it('picks the column that names the most imported items when the names do not tell (links.csv), and shows its match rate', async () => {
    const LINKS = '/work/shared/data/movielens-latest-small/links.csv';
    let kept: unknown = { nameColumns: [] };
    const { calls } = renderWithStudio(<ExploreStep workspaceId="ws" poc={poc} />, {
      'recommendations.getDisplay': () => kept,
      'recommendations.setDisplay': (input: { display: unknown }) => {
        kept = input.display;
        return input.display;
      },
      'recommendations.titlesColumns': () => ({ columns: ['movieId', 'imdbId', 'tmdbId'] }),
      // Counted on the real links.csv against the POC item-meta.csv (titles-id-match.itest.ts).
      'recommendations.titlesIdMatches': () => ({
        itemCount: 9742,
        source: 'items',
        matches: [
          { column: 'movieId', matched: 9742 },
          { column: 'imdbId', matched: 0 },
          { column: 'tmdbId', matched: 1473 },
        ],
      }),
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Titles file path' }), {
      target: { value: LINKS },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Read columns' }));
    expect(await screen.findByText('movieId — 9,742 of 9,742 items match')).toBeTruthy();
    const saved = calls.filter(([channel]) => channel === 'recommendations.setDisplay');
    expect(saved.map(([, input]) => input)).toEqual([
      {
        workspaceId: 'ws',
        display: { nameColumns: [], titlesFile: { path: LINKS, idColumn: 'movieId' } },
      },
    ]);
  });
});

describe('idMatchText', () => {
  it('says whose items the id column was matched against', () => {
    const match = { column: 'movieId', matched: 9477 };
    expect(idMatchText(match, 9742)).toBe('movieId — 9,477 of 9,742 items match');
    expect(idMatchText(match, 9477, 'interactions')).toBe(
      'movieId — 9,477 of 9,477 items of the interactions match',
    );
  });
});
