// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildBridge } from '../../../../shared/ipc/bridge.js';
import type { Channel } from '../../../../shared/ipc/contract.js';
import type { GuideView } from '../../../../shared/guide.js';
import { setBridge } from '../../api/client.js';
import { emptyGuideView } from '../../test-support/empty-guide-view.js';
import { EventSender } from '../event-trackers/EventSender.js';
import { ExploreStep } from './ExploreStep.js';
import { useHistory } from './explore-hooks.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
});

const poc: GuideView = {
  ...emptyGuideView(),
  datasetGroupArn: 'arn:aws:personalize:us-east-1:000000000000:dataset-group/poc',
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

/**
 * A bridge over a small in-memory POC: user 7 has 2 interactions in the file; PutEvents adds
 * to the user's events, which history and recommendations count as the core does.
 */
function fakeStudio() {
  const sent: { itemId: string; eventType: string }[] = [];
  const calls = { recommend: 0, history: 0 };
  const file = [
    { itemId: 'i9', eventType: 'watch', timestamp: 1_000, source: 'file', metadata: {} },
    { itemId: 'i8', eventType: 'click', timestamp: 900, source: 'file', metadata: {} },
  ];
  const answer = (channel: Channel, input: unknown): unknown => {
    switch (channel) {
      case 'recommendations.recommend':
        calls.recommend += 1;
        return {
          userId: (input as { userId: string }).userId,
          campaignArn: 'arn:c',
          recipe: 'aws-user-personalization',
          historyCount: file.length + sent.length,
          items: [{ itemId: `top-${sent.length}`, metadata: {} }],
        };
      case 'recommendations.history':
        calls.history += 1;
        return {
          userId: (input as { userId: string }).userId,
          historyCount: file.length + sent.length,
          interactions: [
            ...sent
              .map((event, index) => ({
                ...event,
                timestamp: 2_000 + index,
                source: 'event',
                metadata: {},
              }))
              .reverse(),
            ...file,
          ],
        };
      case 'recommendations.userShortcuts':
        return { heavy: [], light: [], cold: ['new-customer-1'] };
      case 'eventTrackers.list':
        return {
          eventTrackers: [
            {
              eventTrackerArn: 'arn:t',
              name: 'poc-tracker',
              status: 'ACTIVE',
              trackingId: 'track-1',
            },
          ],
        };
      case 'eventTrackers.putEvents': {
        const { events } = input as { events: { itemId: string; eventType: string }[] };
        sent.push(...events);
        return { wire: { method: 'POST', path: '/events', body: JSON.stringify({ events }) } };
      }
      case 'filters.list':
        return { filters: [] };
      default:
        return undefined;
    }
  };
  setBridge(
    buildBridge(
      (channel: Channel, input: unknown) => {
        const value = answer(channel, input);
        return Promise.resolve(
          value === undefined
            ? {
                ok: false as const,
                error: { code: 'internal' as const, message: `${channel} not faked` },
              }
            : { ok: true as const, value },
        );
      },
      () => () => undefined,
    ),
  );
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  return { sent, calls, queryClient };
}

async function sendEvent(itemId: string): Promise<void> {
  await waitFor(() =>
    expect(screen.getByTestId('event-tracker-status').dataset.status).toBe('ACTIVE'),
  );
  fireEvent.change(screen.getByRole('textbox', { name: 'Item ID of the event' }), {
    target: { value: itemId },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Send event' }));
}

describe('Explore after sending an event', () => {
  it("refreshes the user's history rows and interaction counts, and asks the recommendations again", async () => {
    const { calls, queryClient } = fakeStudio();
    render(
      <QueryClientProvider client={queryClient}>
        <ExploreStep workspaceId="ws" poc={poc} />
      </QueryClientProvider>,
    );
    fireEvent.change(screen.getByRole('textbox', { name: 'User ID' }), {
      target: { value: '7' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Get recommendations' }));
    await waitFor(() => expect(screen.getByTestId('user-history').dataset.historyCount).toBe('2'));
    expect(screen.getByTestId('history-count').textContent).toBe('2 interactions');

    await sendEvent('i42');
    await waitFor(() => expect(screen.getByTestId('user-history').dataset.historyCount).toBe('3'));
    expect(screen.getByTestId('user-history').dataset.count).toBe('3');
    await waitFor(() =>
      expect(screen.getByTestId('history-count').textContent).toBe('3 interactions'),
    );
    expect(calls.recommend).toBe(2);
    expect(screen.getByTestId('recommendations').textContent).toContain('top-1');
  });

  it("PutEvents invalidates every history of the workspace, also one the sender's caller does not refresh", async () => {
    const { calls, queryClient } = fakeStudio();
    const onSent = vi.fn();
    function HistoryProbe() {
      const history = useHistory('ws', '7', undefined);
      return <div data-testid="probe" data-count={history.data?.historyCount ?? 'none'} />;
    }
    render(
      <QueryClientProvider client={queryClient}>
        <HistoryProbe />
        <EventSender workspaceId="ws" userId="7" enabled onSent={onSent} defaultEventType="watch" />
      </QueryClientProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('probe').dataset.count).toBe('2'));
    const before = calls.history;
    await sendEvent('i42');
    await waitFor(() => expect(screen.getByTestId('probe').dataset.count).toBe('3'));
    expect(calls.history).toBe(before + 1);
    expect(onSent).toHaveBeenCalledTimes(1);
  });
});
