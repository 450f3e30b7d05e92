import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import type { CampaignSummary } from '../../../../shared/ipc/campaigns.js';
import type { RecommendationsResult } from '../../../../shared/ipc/recommendations.js';
import { MAX_RANKING_INPUT_LIST } from '../../../../shared/rules/limits.js';
import {
  isNotInTrainingData,
  rankingInput,
  type DuplicateId,
} from '../../../../shared/rules/ranking-input.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { IdListField, idListError, splitIdText } from '../../components/IdListField.js';
import type { DisplayChoice } from './DisplaySettings.js';
import { RecommendationsTable } from './RecommendationsTable.js';
import { itemName } from './item-name.js';
import { useAsk, useRank } from './explore-hooks.js';

/** A campaign picker over `campaigns` (the first by default). */
function CampaignSelect({
  campaigns,
  value,
  onChange,
  label,
}: {
  campaigns: readonly CampaignSummary[];
  value: string | undefined;
  onChange: (arn: string) => void;
  label: string;
}) {
  const options = campaigns.map((campaign) => ({
    value: campaign.campaignArn,
    label: campaign.name,
    description: campaign.recipe,
  }));
  return (
    <FormField label={label}>
      <Select
        ariaLabel={label}
        selectedOption={options.find((option) => option.value === value) ?? options[0] ?? null}
        options={options}
        placeholder="No campaign of this kind"
        onChange={({ detail }) =>
          detail.selectedOption.value !== undefined && onChange(detail.selectedOption.value)
        }
      />
    </FormField>
  );
}

/**
 * `Similar to Toy Story (1995)` when the source item has a name (a titles file or a name
 * column), else `Similar to item 1`; `Popular items (item 99999999 is not in the training
 * data)` when the model does not know the item.
 */
export function similarHeading(
  result: Pick<RecommendationsResult, 'itemId' | 'itemMetadata' | 'isItemInTrainingData'>,
  nameColumns: readonly string[],
): string {
  const itemId = result.itemId ?? '';
  if (result.isItemInTrainingData === false)
    return `Popular items (item ${itemId} is not in the training data)`;
  const { name } = itemName(itemId, result.itemMetadata ?? {}, nameColumns);
  return name === itemId ? `Similar to item ${itemId}` : `Similar to ${name}`;
}

/** Similar items of an item (GetRecommendations with itemId on a related-items campaign, e.g. SIMS). */
export function SimilarItemsPanel({
  workspaceId,
  campaigns,
  display,
}: {
  workspaceId: string;
  campaigns: readonly CampaignSummary[];
  display: DisplayChoice;
}) {
  const [campaignArn, setCampaignArn] = useState<string | undefined>(undefined);
  const [itemId, setItemId] = useState('');
  const ask = useAsk(workspaceId);
  const chosen = campaignArn ?? campaigns[0]?.campaignArn;
  return (
    <SpaceBetween size="l">
      {campaigns.length === 0 ? (
        <Alert type="info" header="No related-items campaign">
          Train aws-sims (or aws-similar-items) and deploy it in step 4 to see items similar to an
          item.
        </Alert>
      ) : null}
      <Container header={<Header variant="h2">Items similar to an item</Header>}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (chosen !== undefined && itemId.trim() !== '')
              ask.mutate({
                campaignArn: chosen,
                itemId: itemId.trim(),
                numResults: 25,
                ...(display.titlesFile === undefined ? {} : { titlesFile: display.titlesFile }),
              });
          }}
        >
          <SpaceBetween direction="horizontal" size="s" alignItems="end">
            <CampaignSelect
              campaigns={campaigns}
              value={chosen}
              onChange={setCampaignArn}
              label="Related-items campaign"
            />
            <FormField label="Similar to item ID">
              <Input
                ariaLabel="Similar to item ID"
                value={itemId}
                onChange={({ detail }) => setItemId(detail.value)}
              />
            </FormField>
            <Button
              variant="primary"
              formAction="submit"
              disabled={chosen === undefined || itemId.trim() === ''}
              loading={ask.isPending}
            >
              Get similar items
            </Button>
          </SpaceBetween>
        </form>
      </Container>
      {ask.isError ? <ErrorAlert header="No similar items" error={ask.error} /> : null}
      {ask.data?.isItemInTrainingData === false ? (
        <Alert type="warning" header="Item not in the training data" data-testid="cold-item-alert">
          {`Item ${ask.data.itemId ?? ''} is not in the training data: these are popular items, not items similar to it. Pick an item of the interactions file to see similar items.`}
        </Alert>
      ) : null}
      {ask.data === undefined ? null : (
        <RecommendationsTable
          userId=""
          items={ask.data.items}
          nameColumns={display.nameColumns}
          heading={similarHeading(ask.data, display.nameColumns)}
          testId="similar-items"
        />
      )}
    </SpaceBetween>
  );
}

/** `260 (2×), 1 (3×)`: repeated ids with their counts. */
function duplicatesText(duplicates: readonly DuplicateId[]): string {
  return duplicates.map((entry) => `${entry.itemId} (${entry.count}×)`).join(', ');
}

/**
 * Personalized ranking of a pasted list of item ids for a user (GetPersonalizedRanking). Ids
 * pasted more than once are named and sent once (`rankingInput`); ids the model was not trained
 * on are named above the answer and marked in it, where the service ranks them (last).
 */
export function RankingPanel({
  workspaceId,
  campaigns,
  display,
}: {
  workspaceId: string;
  campaigns: readonly CampaignSummary[];
  display: DisplayChoice;
}) {
  const [campaignArn, setCampaignArn] = useState<string | undefined>(undefined);
  const [userId, setUserId] = useState('');
  const [listText, setListText] = useState('');
  const rank = useRank(workspaceId);
  const chosen = campaignArn ?? campaigns[0]?.campaignArn;
  const { inputList: list, duplicates } = rankingInput(splitIdText(listText));
  const isListInvalid = idListError(listText, MAX_RANKING_INPUT_LIST) !== undefined;
  const unknown = rank.data?.items.filter(isNotInTrainingData) ?? [];
  return (
    <SpaceBetween size="l">
      {campaigns.length === 0 ? (
        <Alert type="info" header="No personalized-ranking campaign">
          Train aws-personalized-ranking and deploy it in step 4 to rank a list for a user.
        </Alert>
      ) : null}
      <Container header={<Header variant="h2">Rank a list for a user</Header>}>
        <SpaceBetween size="m">
          <SpaceBetween direction="horizontal" size="s">
            <CampaignSelect
              campaigns={campaigns}
              value={chosen}
              onChange={setCampaignArn}
              label="Ranking campaign"
            />
            <FormField label="User ID">
              <Input
                ariaLabel="User ID for the ranking"
                value={userId}
                onChange={({ detail }) => setUserId(detail.value)}
              />
            </FormField>
          </SpaceBetween>
          <IdListField
            label="Item ids to rank"
            ariaLabel="Item ids to rank"
            value={listText}
            onChange={setListText}
            max={MAX_RANKING_INPUT_LIST}
          >
            {duplicates.length === 0 ? null : (
              <Box variant="small" color="text-body-secondary" data-testid="ranking-duplicates">
                Listed more than once, sent once: {duplicatesText(duplicates)}.
              </Box>
            )}
          </IdListField>
          <Button
            variant="primary"
            disabled={
              chosen === undefined || userId.trim() === '' || list.length === 0 || isListInvalid
            }
            loading={rank.isPending}
            onClick={() =>
              chosen !== undefined &&
              rank.mutate({
                campaignArn: chosen,
                userId: userId.trim(),
                inputList: list,
                ...(display.titlesFile === undefined ? {} : { titlesFile: display.titlesFile }),
              })
            }
          >
            Rank
          </Button>
        </SpaceBetween>
      </Container>
      {rank.isError ? (
        <ErrorAlert header="The list could not be ranked" error={rank.error} />
      ) : null}
      {rank.data?.duplicates === undefined ? null : (
        <Alert type="info" header="Duplicates removed" data-testid="ranking-duplicates-removed">
          {`Each id is ranked once: ${duplicatesText(rank.data.duplicates)}.`}
        </Alert>
      )}
      {unknown.length === 0 ? null : (
        <Alert
          type="info"
          header="Not in the training data"
          data-testid="ranking-not-in-training-alert"
        >
          {`${unknown.map((item) => item.itemId).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in the data the solution version was trained on: the service ranks ${unknown.length === 1 ? 'it' : 'them'} last, without a score.`}
        </Alert>
      )}
      {rank.data === undefined ? null : (
        <RecommendationsTable
          userId={rank.data.userId ?? ''}
          items={rank.data.items}
          historyCount={rank.data.historyCount}
          nameColumns={display.nameColumns}
          heading={`Ranked for user ${rank.data.userId ?? ''}`}
          testId="ranking"
          markNotInTraining
        />
      )}
    </SpaceBetween>
  );
}
