import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import { UserIdSchema } from '../../../../shared/rules/ids.js';
import type { GuideView } from '../../../../shared/guide.js';
import { useRecommend, useUserShortcuts } from '../../api/hooks.js';
import { goToStep } from '../../app/use-hash-step.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { RecommendationsTable } from './RecommendationsTable.js';
import { FilesChangedAlert } from '../../components/FilesChangedAlert.js';

/** Why `userId` cannot be asked for (empty, longer than 256 characters), or undefined. */
export function userIdError(userId: string): string | undefined {
  const checked = UserIdSchema.safeParse(userId.trim());
  return checked.success
    ? undefined
    : (checked.error.issues[0]?.message ?? 'This user id is not valid.');
}

/** `arn:aws:personalize:…:campaign/poc-ws-user-personalization` → `poc-ws-user-personalization`. */
export function campaignName(campaignArn: string): string {
  return campaignArn.slice(campaignArn.lastIndexOf('/') + 1);
}

/** Warns that a user has no interactions: the campaign answers with popular items, not personal ones. */
export function ColdUserAlert({ userId }: { userId: string }) {
  return (
    <Alert type="warning" header="Cold user" data-testid="cold-user-alert">
      {`User ${userId} is not in the interactions data (a cold user): Personalize answers with popular items, not personalized ones. Pick a user of the file (see Heavy / Light) to see personalization.`}
    </Alert>
  );
}

/** One labelled group of shortcut buttons (e.g. "Heavy:"), each filling the User ID and asking. */
function ShortcutGroup({
  label,
  users,
  disabled,
  onPick,
}: {
  label: string;
  users: ReadonlyArray<{ userId: string; historyCount?: number }>;
  disabled: boolean;
  onPick: (userId: string) => void;
}) {
  if (users.length === 0) return null;
  return (
    <SpaceBetween direction="horizontal" size="xs" alignItems="center">
      <Box variant="small">{`${label}:`}</Box>
      {users.map((user) => (
        <Button
          key={user.userId}
          variant="normal"
          formAction="none"
          disabled={disabled}
          ariaLabel={`Recommendations for ${label.toLowerCase()} user ${user.userId}`}
          data-testid={`user-shortcut-${label.toLowerCase()}`}
          onClick={() => onPick(user.userId)}
        >
          {user.historyCount === undefined
            ? user.userId
            : `${user.userId} (${user.historyCount.toLocaleString('en-US')})`}
        </Button>
      ))}
    </SpaceBetween>
  );
}

/**
 * Step 5: type (or pick a heavy / light / cold shortcut) user id and get the campaign's 25 recommendations,
 * with titles and metadata from the items file.
 */
export function ExploreStep({ workspaceId, poc }: { workspaceId: string; poc: GuideView }) {
  const [userId, setUserId] = useState('');
  const [hasTriedSubmit, setTriedSubmit] = useState(false);
  const recommend = useRecommend(workspaceId);
  const shortcuts = useUserShortcuts(workspaceId, poc.importedFiles?.interactions);
  const isActive = poc.campaign?.status === 'ACTIVE';
  const validation = userIdError(userId);
  const ask = (id: string): void => {
    const trimmed = id.trim();
    setTriedSubmit(true);
    if (userIdError(trimmed) === undefined) recommend.mutate(trimmed);
  };
  const changeUserId = (next: string): void => {
    setUserId(next);
    // Results (and errors) belong to the user they were asked for: another id clears them.
    const shown = recommend.data?.userId ?? recommend.variables;
    if (shown !== undefined && next.trim() !== shown) recommend.reset();
  };
  const pick = (id: string): void => {
    changeUserId(id);
    ask(id);
  };
  const result = recommend.data;

  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description="Ask the campaign for a user's recommendations, as your site would in real time."
        >
          5. Explore
        </Header>
      }
    >
      <SpaceBetween size="l">
        <FilesChangedAlert view={poc} />
        {!isActive ? (
          <Alert
            type="info"
            header="No active campaign"
            action={<Button onClick={() => goToStep('campaign')}>Go to Campaign</Button>}
          >
            Deploy a campaign in step 4 first; recommendations come from it.
          </Alert>
        ) : null}
        <Container header={<Header variant="h2">User</Header>}>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              ask(userId);
            }}
          >
            <SpaceBetween size="m">
              <FormField
                label="User ID"
                description="A USER_ID of the interactions file (at most 256 characters)."
                errorText={userId.trim() !== '' || hasTriedSubmit ? validation : undefined}
              >
                <SpaceBetween direction="horizontal" size="xs">
                  <Input
                    ariaLabel="User ID"
                    value={userId}
                    onChange={({ detail }) => changeUserId(detail.value)}
                    invalid={validation !== undefined && userId.trim() !== ''}
                    placeholder="e.g. 1"
                    data-testid="user-id-input"
                  />
                  <Button
                    variant="primary"
                    formAction="submit"
                    disabled={!isActive || validation !== undefined}
                    loading={recommend.isPending}
                  >
                    Get recommendations
                  </Button>
                </SpaceBetween>
              </FormField>
              {shortcuts.data === undefined ? null : (
                <SpaceBetween size="xs" data-testid="user-shortcuts">
                  <ShortcutGroup
                    label="Heavy"
                    users={shortcuts.data.heavy}
                    disabled={!isActive}
                    onPick={pick}
                  />
                  <ShortcutGroup
                    label="Light"
                    users={shortcuts.data.light}
                    disabled={!isActive}
                    onPick={pick}
                  />
                  <ShortcutGroup
                    label="Cold"
                    users={shortcuts.data.cold.map((id) => ({ userId: id }))}
                    disabled={!isActive}
                    onPick={pick}
                  />
                </SpaceBetween>
              )}
            </SpaceBetween>
          </form>
        </Container>
        {recommend.isError ? (
          <ErrorAlert
            header="No recommendations"
            error={recommend.error}
            testId="recommend-error"
          />
        ) : null}
        {result?.historyCount === 0 ? <ColdUserAlert userId={result.userId} /> : null}
        {result === undefined ? (
          <Box color="text-body-secondary" data-testid="recommendations-empty">
            Enter a user id (or pick a heavy / light / cold one) and choose Get recommendations.
          </Box>
        ) : (
          <SpaceBetween size="xs">
            {poc.campaign === undefined ? null : (
              <Box color="text-body-secondary" data-testid="recommendations-source">
                Campaign {campaignName(poc.campaign.campaignArn)} · {poc.campaign.recipe}
              </Box>
            )}
            <RecommendationsTable
              userId={result.userId}
              items={result.items}
              historyCount={result.historyCount}
            />
          </SpaceBetween>
        )}
        <div>
          <Button onClick={() => goToStep('cleanup')}>Continue to clean up</Button>
        </div>
      </SpaceBetween>
    </ContentLayout>
  );
}
