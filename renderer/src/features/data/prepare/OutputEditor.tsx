import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import Input from '@cloudscape-design/components/input';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import type { FilterOperator } from '../../../../../shared/prepare/recipe.js';
import {
  columnDraft,
  CONVERSIONS,
  ID_COLUMNS,
  OPERATORS,
  sourceColumnLabel,
  type ColumnDraft,
  type ConversionId,
  type OutputDraft,
} from './recipe-form.js';

const CONSTANT = '';

/** Extra inputs a conversion needs (pattern and time zone, thresholds, mapping table, constant). */
function ConversionOptions({
  column,
  onChange,
}: {
  column: ColumnDraft;
  onChange: (patch: Partial<ColumnDraft>) => void;
}) {
  if (column.from === CONSTANT)
    return (
      <Input
        value={column.constant}
        placeholder="Value on every row, e.g. purchase"
        ariaLabel={`Constant value of ${column.name}`}
        onChange={({ detail }) => onChange({ constant: detail.value })}
      />
    );
  switch (column.conversion) {
    case 'pattern':
    case 'iso':
      return (
        <SpaceBetween size="xxs">
          {column.conversion === 'pattern' ? (
            <Input
              value={column.pattern}
              ariaLabel={`Date pattern of ${column.name}`}
              onChange={({ detail }) => onChange({ pattern: detail.value })}
            />
          ) : null}
          <Input
            value={column.timeZone}
            ariaLabel={`Time zone of ${column.name}`}
            placeholder="UTC, Europe/London…"
            onChange={({ detail }) => onChange({ timeZone: detail.value })}
          />
        </SpaceBetween>
      );
    case 'thresholds':
      return (
        <Input
          value={column.thresholds}
          ariaLabel={`Thresholds of ${column.name}`}
          onChange={({ detail }) => onChange({ thresholds: detail.value })}
        />
      );
    case 'eventType':
      return (
        <Input
          value={column.mapping}
          ariaLabel={`Event type mapping of ${column.name}`}
          placeholder="add to cart=cart, buy=purchase"
          onChange={({ detail }) => onChange({ mapping: detail.value })}
        />
      );
    default:
      return null;
  }
}

/**
 * One output of the recipe: its columns (name, source column or constant, conversion and its
 * options) and its row steps (filters on source columns, blank ids, duplicates, one row per id).
 */
export function OutputEditor({
  output,
  sourceColumns,
  onChange,
}: {
  output: OutputDraft;
  sourceColumns: readonly string[];
  onChange: (output: OutputDraft) => void;
}) {
  const sourceOptions = [
    { label: '(constant value)', value: CONSTANT },
    ...sourceColumns.map((name) => ({ label: sourceColumnLabel(name), value: name })),
  ];
  const conversionOptions = Object.entries(CONVERSIONS).map(([value, label]) => ({ value, label }));
  const updateColumn = (index: number, patch: Partial<ColumnDraft>): void =>
    onChange({
      ...output,
      columns: output.columns.map((column, at) =>
        at === index ? { ...column, ...patch } : column,
      ),
    });
  const columnRows = output.columns.map((column, index) => ({ column, index }));
  const filterRows = output.filters.map((filter, index) => ({ filter, index }));
  const ids = ID_COLUMNS[output.datasetType].join(' or ');
  return (
    <SpaceBetween size="m">
      <Table
        variant="embedded"
        data-testid={`prepare-columns-${output.datasetType}`}
        items={columnRows}
        trackBy={(row) => String(row.index)}
        header={<strong>Columns of {output.datasetType}.csv</strong>}
        columnDefinitions={[
          {
            id: 'name',
            header: 'Output column',
            cell: ({ column, index }) => (
              <Input
                value={column.name}
                ariaLabel={`Output column ${index + 1} of ${output.datasetType}`}
                onChange={({ detail }) => updateColumn(index, { name: detail.value })}
              />
            ),
          },
          {
            id: 'from',
            header: 'From',
            cell: ({ column, index }) => (
              <Select
                expandToViewport
                ariaLabel={`Source column of ${column.name}`}
                selectedOption={
                  sourceOptions.find((option) => option.value === column.from) ?? null
                }
                options={sourceOptions}
                placeholder="Choose a source column"
                filteringType="auto"
                onChange={({ detail }) =>
                  updateColumn(index, { from: detail.selectedOption.value ?? CONSTANT })
                }
              />
            ),
          },
          {
            id: 'conversion',
            header: 'Conversion',
            cell: ({ column, index }) =>
              column.from === CONSTANT ? (
                '—'
              ) : (
                <Select
                  expandToViewport
                  ariaLabel={`Conversion of ${column.name}`}
                  selectedOption={{
                    value: column.conversion,
                    label: CONVERSIONS[column.conversion],
                  }}
                  options={conversionOptions}
                  onChange={({ detail }) =>
                    updateColumn(index, {
                      conversion: (detail.selectedOption.value ?? 'copy') as ConversionId,
                    })
                  }
                />
              ),
          },
          {
            id: 'options',
            header: 'Options',
            cell: ({ column, index }) => (
              <ConversionOptions column={column} onChange={(patch) => updateColumn(index, patch)} />
            ),
          },
          {
            id: 'remove',
            header: '',
            cell: ({ column, index }) => (
              <Button
                variant="icon"
                iconName="remove"
                ariaLabel={`Remove output column ${column.name}`}
                onClick={() =>
                  onChange({ ...output, columns: output.columns.filter((_, at) => at !== index) })
                }
              />
            ),
          },
        ]}
        footer={
          <Button
            iconName="add-plus"
            onClick={() =>
              onChange({
                ...output,
                columns: [
                  ...output.columns,
                  columnDraft(
                    output.datasetType === 'interactions' &&
                      !output.columns.some((column) => column.name === 'EVENT_TYPE')
                      ? 'EVENT_TYPE'
                      : `COLUMN_${output.columns.length + 1}`,
                  ),
                ],
              })
            }
          >
            Add column
          </Button>
        }
      />
      <SpaceBetween size="xs">
        <Checkbox
          checked={output.dropBlankIds}
          onChange={({ detail }) => onChange({ ...output, dropBlankIds: detail.checked })}
        >
          Drop rows with a blank {ids}
        </Checkbox>
        <Checkbox
          checked={output.dedupe}
          onChange={({ detail }) => onChange({ ...output, dedupe: detail.checked })}
        >
          Drop duplicate rows
        </Checkbox>
        {output.datasetType === 'interactions' ? null : (
          <Checkbox
            checked={output.onePerId}
            onChange={({ detail }) => onChange({ ...output, onePerId: detail.checked })}
          >
            Keep one row per {ids} (the first in the file)
          </Checkbox>
        )}
      </SpaceBetween>
      <Table
        variant="embedded"
        items={filterRows}
        trackBy={(row) => String(row.index)}
        header={<strong>Row filters (on source columns)</strong>}
        empty="No filter: every row is kept."
        columnDefinitions={[
          {
            id: 'column',
            header: 'Column',
            cell: ({ filter, index }) => (
              <Select
                expandToViewport
                ariaLabel={`Filter ${index + 1} column`}
                selectedOption={
                  filter.column === '' ? null : { label: filter.column, value: filter.column }
                }
                options={sourceColumns.map((name) => ({ label: name, value: name }))}
                onChange={({ detail }) =>
                  onChange({
                    ...output,
                    filters: output.filters.map((item, at) =>
                      at === index ? { ...item, column: detail.selectedOption.value ?? '' } : item,
                    ),
                  })
                }
              />
            ),
          },
          {
            id: 'operator',
            header: 'Condition',
            cell: ({ filter, index }) => (
              <Select
                expandToViewport
                ariaLabel={`Filter ${index + 1} condition`}
                selectedOption={{ value: filter.operator, label: OPERATORS[filter.operator] }}
                options={Object.entries(OPERATORS).map(([value, label]) => ({ value, label }))}
                onChange={({ detail }) =>
                  onChange({
                    ...output,
                    filters: output.filters.map((item, at) =>
                      at === index
                        ? {
                            ...item,
                            operator: (detail.selectedOption.value ?? 'equals') as FilterOperator,
                          }
                        : item,
                    ),
                  })
                }
              />
            ),
          },
          {
            id: 'value',
            header: 'Value',
            cell: ({ filter, index }) => (
              <Input
                value={filter.value}
                ariaLabel={`Filter ${index + 1} value`}
                onChange={({ detail }) =>
                  onChange({
                    ...output,
                    filters: output.filters.map((item, at) =>
                      at === index ? { ...item, value: detail.value } : item,
                    ),
                  })
                }
              />
            ),
          },
          {
            id: 'remove',
            header: '',
            cell: ({ index }) => (
              <Button
                variant="icon"
                iconName="remove"
                ariaLabel={`Remove filter ${index + 1}`}
                onClick={() =>
                  onChange({ ...output, filters: output.filters.filter((_, at) => at !== index) })
                }
              />
            ),
          },
        ]}
        footer={
          <Button
            iconName="add-plus"
            disabled={sourceColumns.length === 0}
            onClick={() =>
              onChange({
                ...output,
                filters: [
                  ...output.filters,
                  { column: sourceColumns[0] ?? '', operator: 'notStartsWith', value: '' },
                ],
              })
            }
          >
            Add filter
          </Button>
        }
      />
    </SpaceBetween>
  );
}
