import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Multiselect from '@cloudscape-design/components/multiselect';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Tabs from '@cloudscape-design/components/tabs';
import { useEffect, useState } from 'react';
import type { GuideView, RecommendedItem } from '../../../../shared/guide.js';
import type { CampaignSummary } from '../../../../shared/ipc/campaigns.js';
import type { RecommendationsResult, TitlesFile } from '../../../../shared/ipc/recommendations.js';
import { UserIdSchema } from '../../../../shared/rules/ids.js';
import { useUserShortcuts } from '../../api/hooks.js';
import { goToStep } from '../../app/use-hash-step.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { FilesChangedAlert } from '../../components/FilesChangedAlert.js';
import { BatchPanel } from '../batch/BatchPanel.js';
import { useCampaigns } from '../campaigns/campaign-hooks.js';
import { EventSender } from '../event-trackers/EventSender.js';
import { defaultEventType } from '../event-trackers/default-event-type.js';
import { useProfile } from '../data/data-hooks.js';
import { PlaceholderFields } from '../filters/FiltersPanel.js';
import { useFilters } from '../filters/filter-hooks.js';
import { filterValuesOf } from '../filters/filter-values.js';
import { ExploreLists } from './ExploreLists.js';
import { HistoryTable } from './HistoryTable.js';
import { RankingPanel, SimilarItemsPanel } from './ItemPanels.js';
import { RecommendationsTable } from './RecommendationsTable.js';
import { pickIdColumn, type IdColumnMatch } from '../../../../shared/titles-id-column.js';
import {
  useAsk,
  useHistory,
  useItemDisplay,
  useTitlesColumns,
  useTitlesIdMatches,
} from './explore-hooks.js';
import { SentItemsMovedAlert } from './SentItemsMovedAlert.js';

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

/** Recipe types answered by GetRecommendations with a user id. */
const USER_TYPES = new Set(['USER_PERSONALIZATION', 'POPULAR_ITEMS']);

/** The ACTIVE campaigns of a recipe type family: `user` (user-personalization, popularity), `related`, `ranking`. */
export function campaignsOfFamily(
  campaigns: readonly CampaignSummary[],
  family: 'user' | 'related' | 'ranking',
): CampaignSummary[] {
  return campaigns.filter((campaign) => {
    if (campaign.status !== 'ACTIVE') return false;
    const type = campaign.recipeType ?? '';
    if (family === 'related') return type === 'RELATED_ITEMS';
    if (family === 'ranking') return type === 'PERSONALIZED_RANKING';
    return USER_TYPES.has(type) || type === '';
  });
}

/** What the explorer shows items with: chosen name columns and the optional titles file. */
export interface DisplayChoice {
  readonly nameColumns: string[];
  readonly titlesFile?: TitlesFile | undefined;
}

/**
 * `movieId — 9,742 of 9,742 items match`: how many imported items a titles file's id column
 * names; `source` `interactions` (no Items file imported) says the items are the interactions'.
 */
export function idMatchText(
  match: IdColumnMatch,
  itemCount: number,
  source: 'items' | 'interactions' = 'items',
): string {
  const count = (value: number) => value.toLocaleString('en-US');
  const items = source === 'items' ? 'items' : 'items of the interactions';
  return `${match.column} — ${count(match.matched)} of ${count(itemCount)} ${items} match`;
}

/** The columns seen in a set of items' metadata, in first-seen order. */
function columnsOf(items: readonly { metadata: Record<string, string> }[]): string[] {
  const seen = new Set<string>();
  for (const item of items) for (const key of Object.keys(item.metadata)) seen.add(key);
  return [...seen];
}

/** Display settings: which columns name an item, and a titles file joined for display. */
function DisplaySettings({
  workspaceId,
  columns,
  display,
  onChange,
}: {
  workspaceId: string;
  columns: readonly string[];
  display: DisplayChoice;
  onChange: (next: DisplayChoice) => void;
}) {
  const [pathText, setPathText] = useState(display.titlesFile?.path ?? '');
  const [path, setPath] = useState<string | undefined>(display.titlesFile?.path);
  const keptPath = display.titlesFile?.path;
  useEffect(() => {
    // The kept choice arrives after the first render (read from the workspace).
    if (keptPath !== undefined && path === undefined) {
      setPath(keptPath);
      setPathText(keptPath);
    }
  }, [keptPath, path]);
  const titleColumns = useTitlesColumns(workspaceId, path);
  const readColumns = titleColumns.data?.columns;
  const idMatches = useTitlesIdMatches(workspaceId, path);
  const matches = idMatches.data?.matches;
  useEffect(() => {
    if (path === undefined || readColumns === undefined) return;
    if (display.titlesFile?.path === path && readColumns.includes(display.titlesFile.idColumn))
      return;
    // By name at once; by overlap with the item ids once counted, when the name does not tell.
    const idColumn = pickIdColumn(readColumns, matches);
    if (idColumn !== undefined) onChange({ ...display, titlesFile: { path, idColumn } });
    // Runs once per file read (and once its matches are counted), then the user's own choice.
  }, [path, readColumns, matches]);
  const chosenMatch = matches?.find((match) => match.column === display.titlesFile?.idColumn);
  const idOptions = (titleColumns.data?.columns ?? []).map((column) => ({
    value: column,
    label: column,
  }));
  const allColumns = [
    ...new Set(
      [...columns, ...(titleColumns.data?.columns ?? [])].filter(
        (column) => column !== display.titlesFile?.idColumn,
      ),
    ),
  ];
  return (
    <Container
      header={
        <Header
          variant="h2"
          description="Which columns name an item; a titles file (e.g. MovieLens movies.csv) can be joined for display only."
        >
          Item display
        </Header>
      }
    >
      <ColumnLayout columns={2}>
        <FormField
          label="Name items by"
          description="Default: a TITLE / NAME / DESCRIPTION column, else the item id."
        >
          <Multiselect
            ariaLabel="Name items by"
            selectedOptions={display.nameColumns.map((column) => ({
              value: column,
              label: column,
            }))}
            options={allColumns.map((column) => ({ value: column, label: column }))}
            placeholder="Automatic"
            onChange={({ detail }) =>
              onChange({
                ...display,
                nameColumns: detail.selectedOptions.flatMap((option) =>
                  option.value === undefined ? [] : [option.value],
                ),
              })
            }
          />
        </FormField>
        <SpaceBetween size="s">
          <FormField
            label="Titles file (optional)"
            errorText={titleColumns.isError ? titleColumns.error.message : undefined}
          >
            <SpaceBetween direction="horizontal" size="xs">
              <Input
                ariaLabel="Titles file path"
                value={pathText}
                placeholder="/path/to/movies.csv"
                onChange={({ detail }) => setPathText(detail.value)}
              />
              <Button onClick={() => setPath(pathText.trim() === '' ? undefined : pathText.trim())}>
                Read columns
              </Button>
            </SpaceBetween>
          </FormField>
          {idOptions.length === 0 ? null : (
            <FormField
              label="Item id column of the titles file"
              description={
                chosenMatch === undefined || idMatches.data === undefined
                  ? undefined
                  : idMatchText(chosenMatch, idMatches.data.itemCount, idMatches.data.source)
              }
            >
              <Select
                ariaLabel="Titles file id column"
                selectedOption={
                  idOptions.find((option) => option.value === display.titlesFile?.idColumn) ?? null
                }
                placeholder="Choose the column that holds ITEM_ID"
                options={idOptions}
                onChange={({ detail }) =>
                  path === undefined || detail.selectedOption.value === undefined
                    ? undefined
                    : onChange({
                        ...display,
                        titlesFile: { path, idColumn: detail.selectedOption.value },
                      })
                }
              />
            </FormField>
          )}
        </SpaceBetween>
      </ColumnLayout>
    </Container>
  );
}

/** A comparison beside the main list: `none`, `unfiltered` (the same without the filter) or another campaign's ARN. */
type Comparison = string;

/**
 * Step 5: pick a user (or a heavy / light / cold shortcut): their history beside the campaign's
 * recommendations with item metadata; compare two campaigns, with and without a filter, or
 * before and after events sent through the event tracker; similar items of an item (SIMS);
 * personalized ranking of a pasted list; batch inference (tabs).
 */
export function ExploreStep({ workspaceId, poc }: { workspaceId: string; poc: GuideView }) {
  const [tab, setTab] = useState('tab-user');
  const { display, setDisplay } = useItemDisplay(workspaceId);
  const [columns, setColumns] = useState<string[]>([]);
  const catalog = useCampaigns(workspaceId);
  const campaigns = catalog.data?.campaigns ?? [];
  const seeColumns = (items: readonly { metadata: Record<string, string> }[]): void => {
    const next = columnsOf(items);
    if (next.some((column) => !columns.includes(column)))
      setColumns([...new Set([...columns, ...next])]);
  };
  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description="Ask the campaigns as your site would in real time: for a user, for an item, to rank a list, or in batch."
        >
          5. Explore
        </Header>
      }
    >
      <SpaceBetween size="l">
        <FilesChangedAlert view={poc} />
        {poc.campaign?.status !== 'ACTIVE' ? (
          <Alert
            type="info"
            header="No active campaign"
            action={<Button onClick={() => goToStep('campaign')}>Go to Campaign</Button>}
          >
            Deploy a campaign in step 4 first; real-time recommendations come from it. Batch needs
            no campaign: it runs on a trained solution version.
          </Alert>
        ) : null}
        <DisplaySettings
          workspaceId={workspaceId}
          columns={columns}
          display={display}
          onChange={setDisplay}
        />
        <Tabs
          activeTabId={tab}
          onChange={({ detail }) => setTab(detail.activeTabId)}
          tabs={[
            {
              id: 'tab-user',
              label: 'For a user',
              content: (
                <UserExplorer
                  workspaceId={workspaceId}
                  poc={poc}
                  campaigns={campaignsOfFamily(campaigns, 'user')}
                  display={display}
                  onItems={seeColumns}
                />
              ),
            },
            {
              id: 'tab-similar',
              label: 'Similar items',
              content: (
                <SimilarItemsPanel
                  workspaceId={workspaceId}
                  campaigns={campaignsOfFamily(campaigns, 'related')}
                  display={display}
                />
              ),
            },
            {
              id: 'tab-ranking',
              label: 'Personalized ranking',
              content: (
                <RankingPanel
                  workspaceId={workspaceId}
                  campaigns={campaignsOfFamily(campaigns, 'ranking')}
                  display={display}
                />
              ),
            },
            {
              id: 'tab-batch',
              label: 'Batch',
              content: (
                <BatchPanel
                  workspaceId={workspaceId}
                  poc={poc}
                  campaigns={campaigns}
                  versions={catalog.data?.versions ?? []}
                />
              ),
            },
          ]}
        />
        <div>
          <Button onClick={() => goToStep('cleanup')}>Continue to clean up</Button>
        </div>
      </SpaceBetween>
    </ContentLayout>
  );
}

/** The "For a user" tab: history beside recommendations, comparisons, filters and events. */
function UserExplorer({
  workspaceId,
  poc,
  campaigns,
  display,
  onItems,
}: {
  workspaceId: string;
  poc: GuideView;
  campaigns: readonly CampaignSummary[];
  display: DisplayChoice;
  onItems: (items: readonly RecommendedItem[]) => void;
}) {
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
  const validation = userIdError(userId);
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
  const compareOptions = [
    { value: 'none', label: 'Nothing' },
    ...(chosenFilter === undefined
      ? []
      : [{ value: 'unfiltered', label: 'The same without the filter' }]),
    ...campaignOptions
      .filter((option) => option.value !== mainArn)
      .map((option) => ({ ...option, label: `Campaign ${option.label}` })),
  ];
  const compared = compare.data;
  const side: { heading: string; items: readonly RecommendedItem[]; testId: string } | undefined =
    before !== undefined
      ? { heading: 'Before the events sent', items: before.items, testId: 'before-recommendations' }
      : compared !== undefined && comparison !== 'none'
        ? {
            heading:
              comparison === 'unfiltered'
                ? 'Without the filter'
                : `Campaign ${campaigns.find((campaign) => campaign.campaignArn === comparison)?.name ?? ''}`,
            items: compared.items,
            testId: 'compare-recommendations',
          }
        : undefined;

  return (
    <SpaceBetween size="l">
      <Container header={<Header variant="h2">User</Header>}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            run(userId);
          }}
        >
          <SpaceBetween size="m">
            <ColumnLayout columns={3}>
              <FormField label="Campaign">
                <Select
                  ariaLabel="Campaign"
                  selectedOption={
                    campaignOptions.find((option) => option.value === mainArn) ?? null
                  }
                  options={campaignOptions}
                  placeholder={poc.campaign?.name ?? 'No campaign'}
                  onChange={({ detail }) => chooseCampaign(detail.selectedOption.value)}
                  data-testid="explore-campaign"
                />
              </FormField>
              <FormField label="Filter">
                <Select
                  ariaLabel="Filter"
                  selectedOption={
                    filterOptions.find((option) => option.value === (filterArn ?? '')) ?? null
                  }
                  options={filterOptions}
                  onChange={({ detail }) =>
                    chooseFilter(
                      detail.selectedOption.value === '' ? undefined : detail.selectedOption.value,
                    )
                  }
                  data-testid="explore-filter"
                />
              </FormField>
              <FormField label="Compare with">
                <Select
                  ariaLabel="Compare with"
                  selectedOption={
                    compareOptions.find((option) => option.value === comparison) ?? null
                  }
                  options={compareOptions}
                  onChange={({ detail }) => setComparison(detail.selectedOption.value ?? 'none')}
                  data-testid="explore-compare"
                />
              </FormField>
            </ColumnLayout>
            {chosenFilter === undefined ? null : (
              <PlaceholderFields
                expression={chosenFilter.filterExpression}
                values={values}
                onChange={setValues}
                idPrefix="Filter"
              />
            )}
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
                  loading={ask.isPending}
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
        <SpaceBetween size="xs">
          {mainCampaign === undefined ? null : (
            <Box color="text-body-secondary" data-testid="recommendations-source">
              Campaign {mainCampaign.name} · {mainCampaign.recipe}
              {result.filterArn === undefined
                ? ''
                : ` · filter ${activeFilters.find((filter) => filter.filterArn === result.filterArn)?.name ?? campaignName(result.filterArn)}`}
            </Box>
          )}
          <ExploreLists
            history={
              <HistoryTable
                userId={result.userId ?? ''}
                history={history.data}
                isLoading={history.isLoading}
                error={history.error}
                nameColumns={display.nameColumns}
              />
            }
            main={
              <RecommendationsTable
                userId={result.userId ?? ''}
                items={result.items}
                historyCount={result.historyCount}
                nameColumns={display.nameColumns}
                compareWith={side?.items}
              />
            }
            side={
              side === undefined ? undefined : (
                <RecommendationsTable
                  userId={result.userId ?? ''}
                  items={side.items}
                  nameColumns={display.nameColumns}
                  heading={side.heading}
                  testId={side.testId}
                  compareWith={result.items}
                />
              )
            }
          />
          {before === undefined ? null : (
            <SentItemsMovedAlert
              before={before.items}
              after={result.items}
              history={history.data?.interactions}
            />
          )}
        </SpaceBetween>
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
