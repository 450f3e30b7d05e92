import Box from '@cloudscape-design/components/box';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import type { GuideView, RecommendedItem } from '../../../../shared/guide.js';
import type { CampaignSummary } from '../../../../shared/ipc/campaigns.js';
import type { RecommendationsResult } from '../../../../shared/ipc/recommendations.js';
import { useUserShortcuts } from '../../api/hooks.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useProfile } from '../data/data-hooks.js';
import { EventSender } from '../event-trackers/EventSender.js';
import { defaultEventType } from '../event-trackers/default-event-type.js';
import { useFilters } from '../filters/filter-hooks.js';
import { filterValuesOf } from '../filters/filter-values.js';
import { ColdUserAlert } from './ColdUserAlert.js';
import type { DisplayChoice } from './DisplaySettings.js';
import { campaignName } from './explore-campaigns.js';
import { compareOptionsOf, sideListOf, type Comparison } from './explore-comparison.js';
import { useAsk, useHistory } from './explore-hooks.js';
import { UserRecommendations } from './UserRecommendations.js';
import { UserRequestForm, userIdError } from './UserRequestForm.js';

/** Props of {@link UserExplorer}. */
export interface UserExplorerProps {
  workspaceId: string;
  poc: GuideView;
  /** The ACTIVE campaigns that answer for a user (user-personalization, popularity). */
  campaigns: readonly CampaignSummary[];
  display: DisplayChoice;
  /** Gets the items of each answer (their metadata columns are offered to name items by). */
  onItems: (items: readonly RecommendedItem[]) => void;
}

/** The "For a user" tab: history beside recommendations, comparisons, filters and events. */
export function UserExplorer({ workspaceId, poc, campaigns, display, onItems }: UserExplorerProps) {
  const [userId, setUserId] = useState('');
  const [hasTriedSubmit, setTriedSubmit] = useState(false);
  const [campaignArn, setCampaignArn] = useState<string | undefined>(undefined);
  const [filterArn, setFilterArn] = useState<string | undefined>(undefined);
  const [values, setValues] = useState<Record<string, string>>({});
  const [comparison, setComparison] = useState<Comparison>('none');
  const [before, setBefore] = useState<RecommendationsResult | undefined>(undefined);
  const ask = useAsk(workspaceId);
  const compare = useAsk(workspaceId);
  const shortcuts = useUserShortcuts(workspaceId, poc.importedFiles?.interactions);
  const filters = useFilters(workspaceId, poc.datasetGroupArn !== undefined);
  const activeFilters = (filters.data?.filters ?? []).filter(
    (filter) => filter.status === 'ACTIVE',
  );
  const chosenFilter = activeFilters.find((filter) => filter.filterArn === filterArn);
  const isActive = poc.campaign?.status === 'ACTIVE';
  const defaultArn =
    campaigns.find((campaign) => campaign.campaignArn === poc.campaign?.campaignArn)?.campaignArn ??
    campaigns.find((campaign) => campaign.recipe.startsWith('aws-user-personalization'))
      ?.campaignArn ??
    campaigns[0]?.campaignArn ??
    poc.campaign?.campaignArn;
  const mainArn = campaignArn ?? defaultArn;
  const mainCampaign =
    campaigns.find((campaign) => campaign.campaignArn === mainArn) ??
    (poc.campaign === undefined
      ? undefined
      : { name: poc.campaign.name, recipe: poc.campaign.recipe });
  const result = ask.data;
  const asked = result?.userId ?? ask.variables?.userId;
  const history = useHistory(workspaceId, result?.userId, display.titlesFile);
  // The Data step's profile of the imported interactions, when it is in the cache (never fetched here).
  const interactionsProfile = useProfile(
    poc.importedFiles?.interactions ?? '',
    'interactions',
    false,
  );

  const request = (id: string) => ({
    userId: id,
    numResults: 25,
    ...(mainArn === undefined ? {} : { campaignArn: mainArn }),
    ...(display.titlesFile === undefined ? {} : { titlesFile: display.titlesFile }),
  });
  const run = (id: string, keepBefore = false): void => {
    const trimmed = id.trim();
    setTriedSubmit(true);
    if (userIdError(trimmed) !== undefined) return;
    if (!keepBefore) setBefore(undefined);
    const filter =
      chosenFilter === undefined
        ? {}
        : {
            filterArn: chosenFilter.filterArn,
            filterValues: filterValuesOf(chosenFilter.filterExpression, values),
          };
    ask.mutate({ ...request(trimmed), ...filter }, { onSuccess: (data) => onItems(data.items) });
    if (comparison === 'unfiltered') compare.mutate(request(trimmed));
    else if (comparison !== 'none')
      compare.mutate({ ...request(trimmed), campaignArn: comparison, ...filter });
    else compare.reset();
  };
  const changeUserId = (next: string): void => {
    setUserId(next);
    // Results (and errors) belong to the user they were asked for: another id clears them.
    if (asked !== undefined && next.trim() !== asked) {
      ask.reset();
      compare.reset();
      setBefore(undefined);
    }
  };
  const pick = (id: string): void => {
    changeUserId(id);
    run(id);
  };
  // An error answered the campaign and filter asked before: another choice clears it.
  const clearErrors = (): void => {
    if (ask.isError) ask.reset();
    if (compare.isError) compare.reset();
  };
  // A comparison the Compare select no longer offers (the filter it compared against is gone,
  // or its campaign became the main one) goes back to Nothing, with its list.
  const dropComparison = (): void => {
    setComparison('none');
    compare.reset();
  };
  const chooseFilter = (next: string | undefined): void => {
    setFilterArn(next);
    clearErrors();
    if (next === undefined && comparison === 'unfiltered') dropComparison();
  };
  const chooseCampaign = (next: string | undefined): void => {
    setCampaignArn(next);
    clearErrors();
    if (next !== undefined && comparison === next) dropComparison();
  };
  const campaignOptions = campaigns.map((campaign) => ({
    value: campaign.campaignArn,
    label: campaign.name,
    description: campaign.recipe,
  }));
  const filterOptions = [
    { value: '', label: 'No filter' },
    ...activeFilters.map((filter) => ({
      value: filter.filterArn,
      label: filter.name,
      description: filter.filterExpression,
    })),
  ];
  const compareOptions = compareOptionsOf(chosenFilter !== undefined, campaignOptions, mainArn);
  const side = sideListOf(before, compare.data, comparison, campaigns);

  return (
    <SpaceBetween size="l">
      <UserRequestForm
        campaignOptions={campaignOptions}
        mainArn={mainArn}
        campaignPlaceholder={poc.campaign?.name ?? 'No campaign'}
        filterOptions={filterOptions}
        filterArn={filterArn}
        compareOptions={compareOptions}
        comparison={comparison}
        filterExpression={chosenFilter?.filterExpression}
        values={values}
        userId={userId}
        hasTriedSubmit={hasTriedSubmit}
        isActive={isActive}
        isAsking={ask.isPending}
        shortcuts={shortcuts.data}
        onSubmit={() => run(userId)}
        onCampaign={chooseCampaign}
        onFilter={chooseFilter}
        onComparison={setComparison}
        onValues={setValues}
        onUserId={changeUserId}
        onPick={pick}
      />
      {ask.isError ? (
        <ErrorAlert header="No recommendations" error={ask.error} testId="recommend-error" />
      ) : null}
      {compare.isError ? (
        <ErrorAlert header="No recommendations to compare with" error={compare.error} />
      ) : null}
      {result?.historyCount === 0 ? <ColdUserAlert userId={result.userId ?? ''} /> : null}
      {result === undefined ? (
        <Box color="text-body-secondary" data-testid="recommendations-empty">
          Enter a user id (or pick a heavy / light / cold one) and choose Get recommendations.
        </Box>
      ) : (
        <UserRecommendations
          result={result}
          campaign={mainCampaign}
          filterName={
            result.filterArn === undefined
              ? undefined
              : (activeFilters.find((filter) => filter.filterArn === result.filterArn)?.name ??
                campaignName(result.filterArn))
          }
          history={history.data}
          isHistoryLoading={history.isLoading}
          historyError={history.error}
          nameColumns={display.nameColumns}
          side={side}
          before={before}
        />
      )}
      <EventSender
        workspaceId={workspaceId}
        userId={result?.userId}
        enabled={poc.datasetGroupArn !== undefined}
        defaultEventType={defaultEventType(
          interactionsProfile.data?.eventTypes,
          history.data?.interactions,
        )}
        onSent={() => {
          if (result === undefined || result.userId === undefined) return;
          // The history refetches by itself (PutEvents invalidates it); the recommendations are asked again.
          setBefore((previous) => previous ?? result);
          run(result.userId, true);
        }}
      />
    </SpaceBetween>
  );
}
