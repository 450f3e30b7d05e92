import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '../../components/StatusIndicator.js';
import { useRef, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { resourceStatusType } from '../../components/resource-status.js';
import { FALLBACK_EVENT_TYPE } from './default-event-type.js';
import { useCreateEventTracker, useEventTrackers, usePutEvents } from './event-tracker-hooks.js';

/** The JSON body as people read it (indented), or the text itself when it is not JSON. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/**
 * The event sender: the POC's event tracker (created on demand) and PutEvents for the explored
 * user, showing the exact request the SDK sent — what the customer's site would send.
 * `onSent` runs after the service accepted the event (the explorer then asks again).
 * `defaultEventType` fills the event type until the user types one (see `defaultEventType()`).
 */
export function EventSender({
  workspaceId,
  userId,
  enabled,
  onSent,
  defaultEventType,
}: {
  workspaceId: string;
  userId: string | undefined;
  enabled: boolean;
  onSent: () => void;
  defaultEventType?: string | undefined;
}) {
  const trackers = useEventTrackers(workspaceId, enabled);
  const create = useCreateEventTracker(workspaceId);
  const put = usePutEvents(workspaceId);
  // Set at the click itself: a double click's second click comes before `isPending` is drawn,
  // and a second PutEvents would add the event to the customer's dataset twice.
  const isSending = useRef(false);
  const [typedEventType, setEventType] = useState<string | undefined>(undefined);
  const eventType = typedEventType ?? defaultEventType ?? FALLBACK_EVENT_TYPE;
  const [itemId, setItemId] = useState('');
  const tracker = trackers.data?.eventTrackers[0];
  const isReady = tracker?.status === 'ACTIVE' && tracker.trackingId !== undefined;
  return (
    <Container
      header={
        <Header
          variant="h2"
          description="PutEvents through the event tracker: the event counts at once for the user's next recommendations and for filters on interactions."
        >
          Send an event
        </Header>
      }
    >
      <SpaceBetween size="m">
        {tracker === undefined ? (
          <SpaceBetween direction="horizontal" size="s" alignItems="center">
            <Box color="text-body-secondary">The POC has no event tracker yet.</Box>
            <Button disabled={!enabled} loading={create.isPending} onClick={() => create.mutate()}>
              Create event tracker
            </Button>
          </SpaceBetween>
        ) : (
          <span data-testid="event-tracker-status" data-status={tracker.status ?? 'none'}>
            <StatusIndicator type={resourceStatusType(tracker.status)}>
              {`Event tracker ${tracker.name}: ${tracker.status ?? 'starting'}${tracker.trackingId === undefined ? '' : ` · tracking id ${tracker.trackingId}`}`}
            </StatusIndicator>
          </span>
        )}
        {create.isError ? (
          <ErrorAlert header="The event tracker could not be created" error={create.error} />
        ) : null}
        <SpaceBetween direction="horizontal" size="s">
          <FormField label="Event type">
            <Input
              ariaLabel="Event type"
              value={eventType}
              onChange={({ detail }) => setEventType(detail.value)}
            />
          </FormField>
          <FormField label="Item ID">
            <Input
              ariaLabel="Item ID of the event"
              value={itemId}
              onChange={({ detail }) => setItemId(detail.value)}
            />
          </FormField>
        </SpaceBetween>
        <Button
          disabled={
            !isReady || userId === undefined || itemId.trim() === '' || eventType.trim() === ''
          }
          loading={put.isPending}
          data-testid="send-event"
          onClick={() => {
            if (isSending.current || tracker?.trackingId === undefined || userId === undefined)
              return;
            isSending.current = true;
            put.mutate(
              {
                trackingId: tracker.trackingId,
                userId,
                sessionId: `studio-${userId}`,
                events: [{ eventType: eventType.trim(), itemId: itemId.trim() }],
              },
              {
                onSuccess: onSent,
                onSettled: () => {
                  isSending.current = false;
                },
              },
            );
          }}
        >
          Send event
        </Button>
        {userId === undefined ? (
          <Box color="text-body-secondary">Ask for a user's recommendations first.</Box>
        ) : null}
        {put.isError ? <ErrorAlert header="PutEvents failed" error={put.error} /> : null}
        {put.data === undefined ? null : (
          <SpaceBetween size="xs">
            <Box variant="awsui-key-label">{`${put.data.wire.method} ${put.data.wire.path}`}</Box>
            <pre data-testid="event-wire" style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
              <Box variant="code">{prettyJson(put.data.wire.body)}</Box>
            </pre>
          </SpaceBetween>
        )}
      </SpaceBetween>
    </Container>
  );
}
