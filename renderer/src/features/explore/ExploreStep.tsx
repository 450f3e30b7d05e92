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
import type { PocState } from '../../../../shared/poc.js';
import { usePreview, useRecommend } from '../../api/hooks.js';
import { goToStep } from '../../app/use-hash-step.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { RecommendationsTable } from './RecommendationsTable.js';
import { suggestUserIds } from '../../../../shared/item-display.js';

/**
 * Step 5: type (or pick a suggested) user id and get the campaign's 25 recommendations,
 * with titles and metadata from the items file.
 */
export function ExploreStep({ workspaceId, poc }: { workspaceId: string; poc: PocState }) {
  const [userId, setUserId] = useState('');
  const recommend = useRecommend(workspaceId);
  const preview = usePreview(poc.files.interactions, 'interactions');
  const suggestions = suggestUserIds(preview.data?.rows ?? []);
  const isActive = poc.campaign?.status === 'ACTIVE';
  const ask = (id: string): void => {
    const trimmed = id.trim();
    if (trimmed !== '') recommend.mutate(trimmed);
  };

  return (
    <ContentLayout
      header={
        <Header variant="h1" description="Ask the campaign for a user's recommendations, as your site would in real time.">
          5. Explore
        </Header>
      }
    >
      <SpaceBetween size="l">
        {!isActive ? (
          <Alert type="info" header="No active campaign" action={<Button onClick={() => goToStep('campaign')}>Go to Campaign</Button>}>
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
              <FormField label="User ID" description="A USER_ID of the interactions file.">
                <SpaceBetween direction="horizontal" size="xs">
                  <Input
                    ariaLabel="User ID"
                    value={userId}
                    onChange={({ detail }) => setUserId(detail.value)}
                    placeholder="e.g. 1"
                    data-testid="user-id-input"
                  />
                  <Button variant="primary" formAction="submit" disabled={!isActive || userId.trim() === ''} loading={recommend.isPending}>
                    Get recommendations
                  </Button>
                </SpaceBetween>
              </FormField>
              {suggestions.length === 0 ? null : (
                <SpaceBetween direction="horizontal" size="xs" alignItems="center">
                  <Box variant="small">Try:</Box>
                  {suggestions.map((id) => (
                    <Button
                      key={id}
                      variant="normal"
                      formAction="none"
                      disabled={!isActive}
                      ariaLabel={`Recommendations for user ${id}`}
                      onClick={() => {
                        setUserId(id);
                        ask(id);
                      }}
                    >
                      {`User ${id}`}
                    </Button>
                  ))}
                </SpaceBetween>
              )}
            </SpaceBetween>
          </form>
        </Container>
        {recommend.isError ? (
          <ErrorAlert header="No recommendations" error={recommend.error} testId="recommend-error" />
        ) : null}
        {recommend.data === undefined ? (
          <Box color="text-body-secondary" data-testid="recommendations-empty">
            Enter a user id (or pick a suggested one) and choose Get recommendations.
          </Box>
        ) : (
          <RecommendationsTable userId={recommend.data.userId} items={recommend.data.items} />
        )}
        <div>
          <Button onClick={() => goToStep('cleanup')}>Continue to clean up</Button>
        </div>
      </SpaceBetween>
    </ContentLayout>
  );
}
