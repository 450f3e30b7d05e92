import 'ag-grid-community/styles/ag-grid.css';
import 'ag-grid-community/styles/ag-theme-quartz-no-font.css';
import 'ag-grid-community/styles/agGridQuartzFont.css';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '../../components/StatusIndicator.js';
import Table from '@cloudscape-design/components/table';
import type { ColDef, GridApi } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo, useRef, useState } from 'react';
import type { GuideView } from '../../../../shared/guide.js';
import type { BatchOutputRow } from '../../../../shared/ipc/batch.js';
import type { CampaignSummary, DeployableVersion } from '../../../../shared/ipc/campaigns.js';
import { MAX_NUM_RESULTS, MAX_RANKING_INPUT_LIST } from '../../../../shared/rules/limits.js';
import { useJobs, useUserShortcuts } from '../../api/hooks.js';
import { useIsDarkMode } from '../../app/color-mode.js';
import { ClampedCell } from '../../components/ClampedCell.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { latestJob } from '../../components/latest-job.js';
import { resourceStatusType } from '../../components/resource-status.js';
import { PlaceholderFields } from '../filters/FiltersPanel.js';
import { useFilters } from '../filters/filter-hooks.js';
import { filterValuesOf } from '../filters/filter-values.js';
import { IdListField, idListError, parseIdList } from '../../components/IdListField.js';
import { useItemDisplay } from '../recommendations/explore-hooks.js';
import { itemName } from '../recommendations/item-name.js';
import { startingBatchRow, useBatchJobs, useBatchOutput, useStartBatch } from './batch-hooks.js';
import { IdText } from '../../components/IdText.js';

/** Most input ids of one batch job the studio builds (`batch.start`'s `ids`). */
const MAX_BATCH_IDS = 50_000;

/** What one input line holds for a recipe type, in words. */
export function batchInputText(recipeType: string | undefined): string {
  if (recipeType === 'RELATED_ITEMS') return 'one {"itemId"} line per item';
  if (recipeType === 'PERSONALIZED_RANKING') return 'one {"userId", "itemList"} line per user';
  return 'one {"userId"} line per user';
}

interface GridRow {
  readonly line: number;
  readonly key: string;
  readonly items: string;
  /** The items' names in the order of `items`, `|`-separated; an item without a name is its id. */
  readonly names: string;
  /** The name of the line's input item (related-items lines); empty for a user line. */
  readonly keyName: string;
  readonly scores: string;
  readonly error: string;
  /** What the line's answer is when it is not the model's own (a cold user: popular items). */
  readonly note: string;
}

/** The grid's note for a line answered by the service's fallback (SPEC §3.1). */
export const COLD_USER_NOTE = 'cold user: popular items';

/** How the batch output names items: their metadata and the chosen name columns. */
export interface OutputNaming {
  /** itemId → column → value (`batch.output`'s `metadata`). */
  readonly metadata: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The workspace's name columns (empty: automatic), as Explore uses them. */
  readonly nameColumns: readonly string[];
}

/**
 * Output rows as the grid shows them: items, their names (as Explore names them, see
 * `itemName`; the id when an item has no name) and scores joined with `|`.
 */
export function gridRows(
  rows: readonly BatchOutputRow[],
  naming: OutputNaming = { metadata: {}, nameColumns: [] },
): GridRow[] {
  const nameOf = (itemId: string): string =>
    itemName(itemId, naming.metadata[itemId] ?? {}, naming.nameColumns).name;
  return rows.map((row) => ({
    line: row.line,
    key: row.key,
    items: row.itemIds.join('|'),
    names: row.itemIds.map(nameOf).join('|'),
    keyName: row.keyKind === 'item' ? nameOf(row.key) : '',
    scores: row.scores?.map((score) => score.toFixed(6)).join('|') ?? '',
    error: row.error ?? '',
    note: row.fallback === 'coldUser' ? COLD_USER_NOTE : '',
  }));
}

/** Untrusted cells: text only, long values clamped with the full value on demand. */
const CLAMPED = { cellRenderer: ClampedCell } as const;

/**
 * The output of a batch job as a grid (ag-grid), exportable as CSV (ids and names, each its
 * own column). Cells are untrusted text
 * (item ids and errors from the job's output): long values are clamped with "Show all", as in
 * the data preview grid (see `ClampedCell`).
 */
export function OutputGrid({
  rows,
  fileName,
  naming,
}: {
  rows: readonly BatchOutputRow[];
  fileName: string;
  naming?: OutputNaming | undefined;
}) {
  const isDark = useIsDarkMode();
  const api = useRef<GridApi<GridRow> | null>(null);
  const data = useMemo(() => gridRows(rows, naming), [rows, naming]);
  // Related-items jobs: each line's input is an item, named beside its id as the outputs are.
  const hasItemKeys = rows.some((row) => row.keyKind === 'item');
  const columns = useMemo<ColDef<GridRow>[]>(
    () => [
      { ...CLAMPED, field: 'line', headerName: 'Line', width: 90 },
      { ...CLAMPED, field: 'key', headerName: 'User or item', width: 150, filter: true },
      ...(hasItemKeys
        ? [
            {
              ...CLAMPED,
              field: 'keyName' as const,
              headerName: 'Input item name',
              headerTooltip: 'As Explore names items; an item without a name shows its id.',
              flex: 1,
              filter: true,
            },
          ]
        : []),
      { ...CLAMPED, field: 'items', headerName: 'Recommended items', flex: 1, filter: true },
      {
        ...CLAMPED,
        field: 'names',
        headerName: 'Item names',
        headerTooltip: 'As Explore names items; an item without a name shows its id.',
        flex: 2,
        filter: true,
      },
      { ...CLAMPED, field: 'scores', headerName: 'Scores', flex: 1 },
      { ...CLAMPED, field: 'error', headerName: 'Error', flex: 1 },
      {
        ...CLAMPED,
        field: 'note',
        headerName: 'Note',
        headerTooltip:
          'A user the imported interactions do not name gets the popular items (the service does not say so in its output).',
        width: 200,
        filter: true,
      },
    ],
    [hasItemKeys],
  );
  return (
    <SpaceBetween size="s">
      <Button iconName="download" onClick={() => api.current?.exportDataAsCsv({ fileName })}>
        Export CSV
      </Button>
      <div
        className={isDark ? 'ag-theme-quartz-dark' : 'ag-theme-quartz'}
        style={{ height: 360, width: '100%' }}
        data-testid="batch-output"
        data-count={rows.length}
      >
        <AgGridReact<GridRow>
          theme="legacy"
          rowData={data}
          columnDefs={columns}
          onGridReady={(event) => {
            api.current = event.api;
          }}
        />
      </div>
    </SpaceBetween>
  );
}

/** The last part of a solution version ARN, e.g. `1a2b3c4d`. */
function shortIdOf(solutionVersionArn: string): string {
  return solutionVersionArn.slice(solutionVersionArn.lastIndexOf('/') + 1);
}

/** "poc-sims · 1a2b3c4d" for a solution version: its solution's name and the ARN's last part. */
export function versionLabel(
  version: Pick<DeployableVersion, 'solutionName' | 'solutionVersionArn'>,
): string {
  return `${version.solutionName} · ${shortIdOf(version.solutionVersionArn)}`;
}

/**
 * Batch inference: on a trained solution version of the POC (a batch job needs no campaign; an
 * active campaign is only a shortcut to the version it serves), the JSON Lines input built for the
 * version's recipe family (users, items, or users with a list to rank), optional filter and
 * numResults, run as a job; the jobs of the POC; the chosen job's output as a grid, exportable as
 * CSV.
 */
export function BatchPanel({
  workspaceId,
  poc,
  campaigns,
  versions,
}: {
  workspaceId: string;
  poc: GuideView;
  campaigns: readonly CampaignSummary[];
  /** The ACTIVE solution versions of the POC, newest first (`campaigns.list`'s `versions`). */
  versions: readonly DeployableVersion[];
}) {
  const active = campaigns.filter((campaign) => campaign.status === 'ACTIVE');
  const [versionArn, setVersionArn] = useState<string | undefined>(undefined);
  const [campaignArn, setCampaignArn] = useState<string | undefined>(undefined);
  const [idsText, setIdsText] = useState('');
  const [itemListText, setItemListText] = useState('');
  const [numText, setNumText] = useState('25');
  const [filterArn, setFilterArn] = useState<string | undefined>(undefined);
  const [values, setValues] = useState<Record<string, string>>({});
  const [selectedArn, setSelectedArn] = useState<string | undefined>(undefined);
  const start = useStartBatch(workspaceId);
  const studioJobs = useJobs(workspaceId);
  const runJob = latestJob(studioJobs.data, 'batch.run');
  const jobs = useBatchJobs(workspaceId, runJob);
  const shortcuts = useUserShortcuts(workspaceId, poc.importedFiles?.interactions);
  const filters = useFilters(workspaceId, poc.datasetGroupArn !== undefined);
  const activeFilters = (filters.data?.filters ?? []).filter(
    (filter) => filter.status === 'ACTIVE',
  );
  // Until the user picks one: the version of the first active campaign, else the newest version.
  const chosen =
    versions.find(
      (version) => version.solutionVersionArn === (versionArn ?? active[0]?.solutionVersionArn),
    ) ?? versions[0];
  const shortcut = active.find(
    (campaign) =>
      campaign.campaignArn === campaignArn &&
      campaign.solutionVersionArn === chosen?.solutionVersionArn,
  );
  const ids = parseIdList(idsText);
  const itemList = parseIdList(itemListText);
  const numResults = Number(numText);
  const isNumValid =
    Number.isInteger(numResults) && numResults >= 1 && numResults <= MAX_NUM_RESULTS;
  const isRanking = chosen?.recipeType === 'PERSONALIZED_RANKING';
  const idsLabel = chosen?.recipeType === 'RELATED_ITEMS' ? 'Item ids' : 'User ids';
  const chosenFilter = activeFilters.find((filter) => filter.filterArn === filterArn);
  const listed = jobs.data?.jobs ?? [];
  const starting = startingBatchRow(runJob, listed);
  const jobList = starting === undefined ? listed : [starting, ...listed];
  const shown = jobList.find((job) => job.batchInferenceJobArn === selectedArn) ?? jobList[0];
  const { display, isLoading: isDisplayLoading } = useItemDisplay(workspaceId);
  // Asked once the display choice is read, so the output is read once, with the titles file.
  const output = useBatchOutput(
    workspaceId,
    shown?.batchInferenceJobArn,
    shown?.status === 'ACTIVE' && !isDisplayLoading,
    display.titlesFile,
  );
  const outputMetadata = output.data?.metadata;
  const naming = useMemo<OutputNaming>(
    () => ({ metadata: outputMetadata ?? {}, nameColumns: display.nameColumns }),
    [outputMetadata, display.nameColumns],
  );
  const versionOptions = versions.map((version) => {
    const served = active
      .filter((campaign) => campaign.solutionVersionArn === version.solutionVersionArn)
      .map((campaign) => `campaign ${campaign.name}`);
    return {
      value: version.solutionVersionArn,
      label: versionLabel(version),
      description: `${version.recipe} · ${batchInputText(version.recipeType)}`,
      ...(served.length === 0 ? {} : { tags: served }),
    };
  });
  const campaignOptions = [
    { value: '', label: 'None: pick the version above' },
    ...active.map((campaign) => ({
      value: campaign.campaignArn,
      label: campaign.name,
      description: `Serves version ${shortIdOf(campaign.solutionVersionArn)}`,
    })),
  ];
  const filterOptions = [
    { value: '', label: 'No filter' },
    ...activeFilters.map((filter) => ({
      value: filter.filterArn,
      label: filter.name,
      description: filter.filterExpression,
    })),
  ];
  const sample = [...(shortcuts.data?.heavy ?? []), ...(shortcuts.data?.light ?? [])].map(
    (user) => user.userId,
  );

  return (
    <SpaceBetween size="l">
      {versions.length === 0 ? (
        <Alert type="info" header="No trained solution version">
          A batch inference job runs on an active solution version: train one in step 3. It needs no
          campaign.
        </Alert>
      ) : null}
      <Container
        header={
          <Header
            variant="h2"
            description="Recommendations for many users (or items) at once from a trained solution version, written to S3 as JSON Lines. No campaign is needed, so nothing is billed per hour while you score."
          >
            Batch inference
          </Header>
        }
      >
        <SpaceBetween size="m">
          <FormField
            label="Solution version"
            description={
              chosen === undefined
                ? 'The trained model the job scores with.'
                : `The trained model the job scores with. Input: ${batchInputText(chosen.recipeType)}.`
            }
          >
            <Select
              ariaLabel="Solution version for the batch job"
              data-testid="batch-version"
              selectedOption={
                versionOptions.find((option) => option.value === chosen?.solutionVersionArn) ?? null
              }
              options={versionOptions}
              placeholder="No solution version yet"
              onChange={({ detail }) => {
                setVersionArn(detail.selectedOption.value);
                setCampaignArn(undefined);
              }}
            />
          </FormField>
          {active.length === 0 ? null : (
            <FormField
              label={
                <span>
                  Campaign <i>- optional</i>
                </span>
              }
              description="A shortcut: picks the solution version the campaign serves. The batch job does not use the campaign."
            >
              <Select
                ariaLabel="Campaign - optional, a shortcut to its solution version"
                data-testid="batch-campaign-shortcut"
                selectedOption={
                  campaignOptions.find(
                    (option) => option.value === (shortcut?.campaignArn ?? ''),
                  ) ?? null
                }
                options={campaignOptions}
                onChange={({ detail }) => {
                  const campaign = active.find(
                    (entry) => entry.campaignArn === detail.selectedOption.value,
                  );
                  setCampaignArn(campaign?.campaignArn);
                  if (campaign !== undefined) setVersionArn(campaign.solutionVersionArn);
                }}
              />
            </FormField>
          )}
          <IdListField
            label={idsLabel}
            ariaLabel={idsLabel}
            value={idsText}
            onChange={setIdsText}
            max={MAX_BATCH_IDS}
          >
            {sample.length === 0 || chosen?.recipeType === 'RELATED_ITEMS' ? null : (
              <Button variant="inline-link" onClick={() => setIdsText(sample.join('\n'))}>
                Use the heavy and light users
              </Button>
            )}
          </IdListField>
          {isRanking ? (
            <IdListField
              label="Items to rank"
              ariaLabel="Items to rank for the batch job"
              value={itemListText}
              onChange={setItemListText}
              rows={2}
              max={MAX_RANKING_INPUT_LIST}
            />
          ) : null}
          <SpaceBetween direction="horizontal" size="s">
            <FormField
              label="Results per line"
              errorText={isNumValid ? undefined : `1 to ${MAX_NUM_RESULTS}.`}
            >
              <Input
                ariaLabel="Results per line for the batch job"
                type="number"
                value={numText}
                onChange={({ detail }) => setNumText(detail.value)}
              />
            </FormField>
            <FormField label="Filter">
              <Select
                ariaLabel="Filter for the batch job"
                selectedOption={
                  filterOptions.find((option) => option.value === (filterArn ?? '')) ?? null
                }
                options={filterOptions}
                onChange={({ detail }) =>
                  setFilterArn(
                    detail.selectedOption.value === '' ? undefined : detail.selectedOption.value,
                  )
                }
              />
            </FormField>
          </SpaceBetween>
          {chosenFilter === undefined ? null : (
            <PlaceholderFields
              expression={chosenFilter.filterExpression}
              values={values}
              onChange={setValues}
              idPrefix="Batch"
            />
          )}
          {start.isError ? (
            <ErrorAlert header="The batch job could not start" error={start.error} />
          ) : null}
          {runJob?.state === 'failed' ? (
            <ErrorAlert
              header="The batch job failed"
              error={new Error(runJob.error?.message ?? runJob.step)}
              testId="batch-failure"
            />
          ) : null}
          <Button
            variant="primary"
            disabled={
              chosen === undefined ||
              ids.length === 0 ||
              !isNumValid ||
              idListError(idsText, MAX_BATCH_IDS) !== undefined ||
              (isRanking &&
                (itemList.length === 0 ||
                  idListError(itemListText, MAX_RANKING_INPUT_LIST) !== undefined))
            }
            loading={start.isPending}
            onClick={() =>
              chosen !== undefined &&
              start.mutate({
                solutionVersionArn: chosen.solutionVersionArn,
                ids,
                numResults,
                ...(isRanking ? { itemList } : {}),
                ...(chosenFilter === undefined
                  ? {}
                  : {
                      filterArn: chosenFilter.filterArn,
                      filterValues: filterValuesOf(chosenFilter.filterExpression, values),
                    }),
              })
            }
          >
            Run batch inference
          </Button>
        </SpaceBetween>
      </Container>
      <div data-testid="batch-jobs" data-count={jobList.length}>
        <Table
          header={
            <Header variant="h2" counter={`(${jobList.length})`}>
              Batch inference jobs
            </Header>
          }
          ariaLabels={{
            tableLabel: 'Batch inference jobs',
            selectionGroupLabel: 'Batch job selection',
            itemSelectionLabel: (_, job) => `Show the output of ${job.jobName}`,
          }}
          selectionType="single"
          selectedItems={shown === undefined ? [] : [shown]}
          onSelectionChange={({ detail }) =>
            setSelectedArn(detail.selectedItems[0]?.batchInferenceJobArn)
          }
          items={jobList}
          trackBy="batchInferenceJobArn"
          loading={jobs.isLoading}
          loadingText="Reading the batch jobs"
          wrapLines
          empty={<Box color="text-body-secondary">No batch job yet.</Box>}
          columnDefinitions={[
            { id: 'name', header: 'Job', isRowHeader: true, cell: (job) => job.jobName },
            { id: 'recipe', header: 'Recipe', cell: (job) => job.recipe ?? '—' },
            {
              id: 'status',
              header: 'Status',
              cell: (job) => (
                <span
                  data-testid={`batch-status-${job.jobName}`}
                  data-status={job.status ?? 'none'}
                >
                  <StatusIndicator type={resourceStatusType(job.status)}>
                    {job === starting
                      ? `Starting: ${runJob?.step ?? ''}`
                      : `${job.status ?? 'Starting'}${job.failureReason === undefined ? '' : `: ${job.failureReason}`}`}
                  </StatusIndicator>
                </span>
              ),
            },
            { id: 'results', header: 'Results per line', cell: (job) => job.numResults ?? '—' },
            {
              id: 'output',
              header: 'Output path',
              // The path breaks at any character: a minimum width keeps its lines readable.
              minWidth: 200,
              cell: (job) => <IdText>{job.outputPath ?? '—'}</IdText>,
            },
          ]}
        />
      </div>
      {output.isError ? (
        <ErrorAlert
          header="The output could not be read"
          error={output.error}
          testId="batch-output-error"
        />
      ) : null}
      {output.data === undefined || shown === undefined ? null : (
        <Container
          header={
            <Header
              variant="h2"
              description={output.data.outputKey}
            >{`Output of ${shown.jobName}`}</Header>
          }
        >
          <OutputGrid rows={output.data.rows} fileName={`${shown.jobName}.csv`} naming={naming} />
        </Container>
      )}
    </SpaceBetween>
  );
}
