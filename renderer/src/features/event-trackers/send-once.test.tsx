// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setBridge } from '../../api/client.js';
import { renderWithStudio } from '../../test-support/fake-studio.js';
import { EventSender } from './EventSender.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
});

const TRACKERS = {
  eventTrackers: [
    { eventTrackerArn: 'arn:t', name: 'poc-tracker', status: 'ACTIVE', trackingId: 'track-1' },
  ],
};

const isBusy = (element: HTMLElement): boolean =>
  element.hasAttribute('disabled') || element.getAttribute('aria-disabled') === 'true';

describe('"Send event"', () => {
  it('sends one PutEvents on a double click: the button is busy until the service answers, then sends again', async () => {
    let answer: () => void = () => undefined;
    const onSent = vi.fn();
    const { calls } = renderWithStudio(
      <EventSender
        workspaceId="ws"
        userId="12445"
        enabled
        onSent={onSent}
        defaultEventType="purchase"
      />,
      {
        'eventTrackers.list': () => TRACKERS,
        'eventTrackers.putEvents': () =>
          new Promise((resolve) => {
            answer = () =>
              resolve({ wire: { method: 'POST', path: '/events', body: '{"events":[]}' } });
          }),
      },
    );
    await waitFor(() =>
      expect(screen.getByTestId('event-tracker-status').dataset.status).toBe('ACTIVE'),
    );
    fireEvent.change(screen.getByRole('textbox', { name: 'Item ID of the event' }), {
      target: { value: '85035C' },
    });
    const button = screen.getByRole('button', { name: 'Send event' });
    // A double click: the second click comes before the page has drawn the sending state.
    fireEvent.click(button);
    fireEvent.click(button);
    await waitFor(() => expect(isBusy(screen.getByTestId('send-event'))).toBe(true));
    fireEvent.click(screen.getByTestId('send-event'));
    const sends = () => calls.filter(([channel]) => channel === 'eventTrackers.putEvents');
    expect(sends()).toHaveLength(1);
    expect(sends()[0]?.[1]).toMatchObject({
      trackingId: 'track-1',
      userId: '12445',
      events: [{ eventType: 'purchase', itemId: '85035C' }],
    });
    answer();
    await screen.findByTestId('event-wire');
    expect(onSent).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(isBusy(screen.getByTestId('send-event'))).toBe(false));
    // Once answered, the next click sends the next event.
    fireEvent.click(screen.getByTestId('send-event'));
    await waitFor(() => expect(sends()).toHaveLength(2));
  });
});
