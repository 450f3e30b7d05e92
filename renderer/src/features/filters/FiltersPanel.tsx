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
import { useState } from 'react';
import type { GuideView } from '../../../../shared/guide.js';
import { pickTitle } from '../../../../shared/item-display.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { resourceStatusType } from '../../components/resource-status.js';
import { FilterEditor, filterDiagnostics, filterLintContext } from './FilterEditor.js';
import { filterTemplatesFor } from '../../../../shared/rules/filter-templates.js';
import { requiredPlaceholders } from '../../../../shared/rules/filter-expression.js';
import { filterValueOf, filterValuesOf, placeholdersOf } from './filter-values.js';
import { dryRunOutdatedReason } from './dry-run-outdated.js';
import {
  useCreateFilter,
  useDeleteFilter,
  useDryRun,
  useFilters,
  useFilterSchemas,
} from './filter-hooks.js';

/** Inputs for the placeholders of an expression (`$GENRE` → a "GENRE value" field). */
export function PlaceholderFields({
  expression,
  values,
  onChange,
  idPrefix,
}: {
  expression: string;
  values: Readonly<Record<string, string>>;
  onChange: (next: Record<string, string>) => void;
  idPrefix: string;
}) {
  const names = placeholdersOf(expression);
  if (names.length === 0) return null;
  return (
    <SpaceBetween size="s">
      {names.map((name) => (
        <FormField
          key={name}
          label={`${name} value`}
          description="Several values separated by commas; the studio quotes them as filterValues expects."
        >
          <Input
            ariaLabel={`${idPrefix} ${name} value`}
            value={values[name] ?? ''}
            onChange={({ detail }) => onChange({ ...values, [name]: detail.value })}
          />
        </FormField>
      ))}
    </SpaceBetween>
  );
}

/**
 * The Filters tab of step 4: a CodeMirror editor with the shared parser's live lint, the guide's
 * ten templates, CreateFilter, the filters of the POC, and a dry run on the imported data that
 * shows for one user which recommended items the filter removes, and why.
 */
export function FiltersPanel({ workspaceId, poc }: { workspaceId: string; poc: GuideView }) {
  const hasGroup = poc.datasetGroupArn !== undefined;
  const filters = useFilters(workspaceId, hasGroup);
  const create = useCreateFilter(workspaceId);
  const remove = useDeleteFilter(workspaceId);
  const dryRun = useDryRun(workspaceId);
  const [templateId, setTemplateId] = useState<string | undefined>(undefined);
  const [name, setName] = useState('');
  const [expression, setExpression] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [userId, setUserId] = useState('');
  const schemas = useFilterSchemas(workspaceId, hasGroup);
  const lint = filterLintContext(
    hasGroup ? schemas.data : { datasets: {}, unavailable: 'the data is not imported yet' },
    schemas.error instanceof Error ? schemas.error.message : undefined,
  );
  const diagnostics = filterDiagnostics(expression, lint.context, lint.data);
  const problems = diagnostics.filter((problem) => problem.severity === 'error');
  const warnings = diagnostics.filter((problem) => problem.severity === 'warning');
  const isValid = expression.trim() !== '' && problems.length === 0;
  // The service refuses a request that leaves an INCLUDE expression's placeholder without a value.
  const missingValues = requiredPlaceholders(expression).filter(
    (placeholder) => filterValueOf(values[placeholder] ?? '') === undefined,
  );
  const activeCampaign = poc.campaign?.status === 'ACTIVE' ? poc.campaign : undefined;
  // The guide's ten and those made from the imported data; a template that does not fit the data is disabled with the lint's reason.
  const offered = filterTemplatesFor({
    datasets: lint.data?.datasets,
    eventTypes: lint.data?.eventTypes,
  });
  const templateOptions = offered.map((entry) => ({
    value: entry.template.id,
    label: entry.template.label,
    description: entry.template.expression,
    // One flat list (a group label would lead each option's accessible name): the origin is a tag.
    tags: [entry.origin === 'guide' ? "the guide's" : 'from the imported data'],
    ...(entry.disabledReason === undefined
      ? {}
      : { disabled: true, disabledReason: entry.disabledReason }),
  }));
  const unfit = offered.filter((entry) => entry.disabledReason !== undefined).length;
  const template = offered.find((entry) => entry.template.id === templateId)?.template;
  // The name a template gave no longer describes an expression edited away from it.
  const nameWarning =
    template !== undefined &&
    name === template.name &&
    expression.trim() !== template.expression.trim()
      ? `Named after the template "${template.label}", but the expression has changed since: give it a name that says what it does now.`
      : undefined;
  const result = dryRun.data;
  const removed = result?.items.filter((item) => item.removed).length ?? 0;
  // A result answers the expression, user and values it ran with: once the form asks something else, say so.
  const outdated =
    result === undefined || dryRun.variables === undefined
      ? undefined
      : dryRunOutdatedReason(dryRun.variables, {
          filterExpression: expression,
          userId: userId.trim(),
          filterValues: filterValuesOf(expression, values),
        });

  return (
    <SpaceBetween size="l">
      {!hasGroup ? (
        <Alert type="info" header="Nothing imported yet">
          Filters belong to the dataset group: import the data first (step 2).
        </Alert>
      ) : null}
      <Container
        header={
          <Header
            variant="h2"
            description="Filters decide what recommendations may contain, in the service's filter language (INCLUDE / EXCLUDE ItemID WHERE …). The editor checks the expression as you type."
          >
            Filter expression
          </Header>
        }
      >
        <SpaceBetween size="m">
          <FormField
            label="Template"
            description={
              unfit === 0
                ? "The guide's filters (by genre, watched or not, by decade) and filters made from the imported event types and Items fields."
                : `The guide's filters and filters made from the imported event types and Items fields; ${unfit} that do not fit the imported data are disabled, each saying why.`
            }
          >
            <Select
              ariaLabel="Filter template"
              data-testid="filter-template"
              selectedOption={templateOptions.find((option) => option.value === templateId) ?? null}
              placeholder="Start from a template"
              options={templateOptions}
              onChange={({ detail }) => {
                const template = offered.find(
                  (candidate) => candidate.template.id === detail.selectedOption.value,
                )?.template;
                if (template === undefined) return;
                setTemplateId(template.id);
                setExpression(template.expression);
                setName(template.name);
                dryRun.reset();
              }}
            />
          </FormField>
          <FormField label="Expression">
            <FilterEditor
              value={expression}
              onChange={setExpression}
              ariaLabel="Filter expression"
              {...(lint.context === undefined ? {} : { context: lint.context })}
              {...(lint.data === undefined ? {} : { data: lint.data })}
            />
          </FormField>
          {lint.skipped !== undefined && expression.trim() !== '' ? (
            <Box color="text-body-secondary" data-testid="filter-lint-skipped">
              {lint.skipped}
            </Box>
          ) : null}
          <div
            data-testid="filter-lint"
            data-problems={problems.length}
            data-warnings={warnings.length}
          >
            {expression.trim() === '' ? (
              <Box color="text-body-secondary">Write an expression or start from a template.</Box>
            ) : diagnostics.length === 0 ? (
              <StatusIndicator type="success">
                {lint.skipped === undefined ? 'The expression is valid.' : 'The grammar is valid.'}
              </StatusIndicator>
            ) : (
              <SpaceBetween size="xxs">
                {diagnostics.map((problem) => (
                  <span
                    key={`${problem.severity}-${problem.from}-${problem.message}`}
                    data-testid={`filter-lint-${problem.severity}`}
                  >
                    <StatusIndicator type={problem.severity === 'error' ? 'error' : 'warning'}>
                      {`Character ${problem.from + 1}: ${problem.message}`}
                    </StatusIndicator>
                  </span>
                ))}
              </SpaceBetween>
            )}
          </div>
          <FormField
            label="Filter name"
            description="Letters, digits, - and _."
            warningText={nameWarning}
          >
            <Input
              ariaLabel="Filter name"
              value={name}
              onChange={({ detail }) => setName(detail.value)}
            />
          </FormField>
          {create.isError ? (
            <ErrorAlert
              header="The filter could not be created"
              error={create.error}
              testId="filter-create-error"
            />
          ) : null}
          <Button
            variant="primary"
            disabled={!isValid || name.trim() === '' || !hasGroup}
            loading={create.isPending}
            onClick={() => create.mutate({ name: name.trim(), filterExpression: expression })}
          >
            Create filter
          </Button>
        </SpaceBetween>
      </Container>
      <Container
        header={
          <Header
            variant="h2"
            description={`Applies the expression on the imported data to the recommendations of one user${activeCampaign === undefined ? '' : ` from ${activeCampaign.name}`}: what it removes, and why. Nothing is created.`}
          >
            Dry run
          </Header>
        }
      >
        <SpaceBetween size="m">
          <FormField label="User ID">
            <Input
              ariaLabel="Dry run user ID"
              value={userId}
              onChange={({ detail }) => setUserId(detail.value)}
            />
          </FormField>
          <PlaceholderFields
            expression={expression}
            values={values}
            onChange={setValues}
            idPrefix="Dry run"
          />
          <Button
            disabled={
              !isValid ||
              userId.trim() === '' ||
              activeCampaign === undefined ||
              missingValues.length > 0
            }
            loading={dryRun.isPending}
            onClick={() =>
              dryRun.mutate({
                filterExpression: expression,
                userId: userId.trim(),
                filterValues: filterValuesOf(expression, values),
                numResults: 50,
              })
            }
          >
            Dry run
          </Button>
          {activeCampaign === undefined ? (
            <Box color="text-body-secondary">
              Deploy a campaign first: the dry run filters its recommendations.
            </Box>
          ) : missingValues.length > 0 && isValid ? (
            <Box color="text-body-secondary" data-testid="dry-run-missing-values">
              {`Give ${missingValues.map((placeholder) => `$${placeholder}`).join(', ')} a value: the service refuses a request that leaves a placeholder of an INCLUDE expression empty.`}
            </Box>
          ) : null}
          {dryRun.isError ? (
            <ErrorAlert header="The dry run failed" error={dryRun.error} testId="dry-run-error" />
          ) : null}
          {result === undefined ? null : (
            <div
              data-testid="dry-run"
              data-removed={removed}
              data-count={result.items.length}
              data-outdated={String(outdated !== undefined)}
            >
              {result.historyCount === 0 ? (
                <Box margin={{ bottom: 's' }}>
                  <Alert type="warning" header="Cold user" data-testid="dry-run-cold-user">
                    {`User ${result.userId} is not in the training data (a cold user): these are the campaign's popular items, not personalized ones. Pick a user of the interactions file to dry-run the filter on personal recommendations.`}
                  </Alert>
                </Box>
              ) : null}
              {outdated === undefined ? null : (
                <Box margin={{ bottom: 's' }}>
                  <Alert type="warning" data-testid="dry-run-outdated">
                    {outdated}
                  </Alert>
                </Box>
              )}
              <Table
                header={
                  <Header variant="h3" counter={`(${removed} of ${result.items.length} removed)`}>
                    {`Top ${result.items.length} for user ${result.userId}${outdated === undefined ? '' : ' (outdated)'}`}
                  </Header>
                }
                ariaLabels={{ tableLabel: 'Dry run' }}
                items={result.items}
                trackBy="rank"
                wrapLines
                columnDefinitions={[
                  { id: 'rank', header: 'Rank', cell: (item) => item.rank, width: 70 },
                  {
                    id: 'title',
                    header: 'Item',
                    isRowHeader: true,
                    cell: (item) => (
                      <span
                        data-testid="dry-run-row"
                        data-item-id={item.itemId}
                        data-removed={String(item.removed)}
                      >
                        {`${item.itemId} · ${pickTitle(item.itemId, item.metadata).title}`}
                      </span>
                    ),
                  },
                  {
                    id: 'metadata',
                    header: 'Metadata',
                    cell: (item) =>
                      Object.entries(item.metadata)
                        .map(
                          ([key, value]) => `${key.toLowerCase()} ${value.split('|').join(', ')}`,
                        )
                        .join(' · ') || '—',
                  },
                  {
                    id: 'verdict',
                    header: 'Verdict',
                    cell: (item) => (
                      <StatusIndicator type={item.removed ? 'stopped' : 'success'}>
                        {item.reason}
                      </StatusIndicator>
                    ),
                  },
                ]}
              />
            </div>
          )}
        </SpaceBetween>
      </Container>
      <div data-testid="filters-table" data-count={filters.data?.filters.length ?? 0}>
        <Table
          header={
            <Header variant="h2" counter={`(${filters.data?.filters.length ?? 0})`}>
              Filters
            </Header>
          }
          ariaLabels={{ tableLabel: 'Filters' }}
          items={filters.data?.filters ?? []}
          trackBy="filterArn"
          loading={filters.isLoading && hasGroup}
          loadingText="Reading the filters"
          wrapLines
          empty={<Box color="text-body-secondary">No filter yet: start from a template above.</Box>}
          columnDefinitions={[
            { id: 'name', header: 'Name', isRowHeader: true, cell: (filter) => filter.name },
            {
              id: 'expression',
              header: 'Expression',
              cell: (filter) => <Box variant="code">{filter.filterExpression}</Box>,
            },
            {
              id: 'status',
              header: 'Status',
              cell: (filter) => (
                <span
                  data-testid={`filter-status-${filter.name}`}
                  data-status={filter.status ?? 'none'}
                >
                  <StatusIndicator type={resourceStatusType(filter.status)}>
                    {filter.status ?? 'Starting'}
                    {filter.failureReason === undefined ? '' : `: ${filter.failureReason}`}
                  </StatusIndicator>
                </span>
              ),
            },
            {
              id: 'actions',
              header: 'Actions',
              cell: (filter) => (
                <Button
                  variant="inline-link"
                  ariaLabel={`Delete filter ${filter.name}`}
                  disabled={filter.status !== 'ACTIVE' && !(filter.status ?? '').endsWith('FAILED')}
                  onClick={() => remove.mutate(filter.filterArn)}
                >
                  Delete
                </Button>
              ),
            },
          ]}
        />
      </div>
      {filters.isError ? (
        <ErrorAlert header="The filters could not be listed" error={filters.error} />
      ) : null}
    </SpaceBetween>
  );
}
