import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import type { DataPreview } from '../../../../shared/ipc/contract.js';
import { usePreview } from '../../api/hooks.js';
import { formatCount } from '../../app/steps.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { PreviewGrid } from './PreviewGrid.js';

type DatasetType = 'interactions' | 'items';

/** Distinct count of the first column whose name matches `name` case-insensitively. */
export function distinctOf(preview: DataPreview, name: string): number | undefined {
  const key = Object.keys(preview.distinct).find((column) => column.toUpperCase() === name);
  return key === undefined ? undefined : preview.distinct[key];
}

const CHECK_TYPES = { error: 'error', warning: 'warning', info: 'info' } as const;

/** Row count, distinct users/items, checks and first rows of one chosen file. */
export function FilePreview({ path, datasetType }: { path: string; datasetType: DatasetType }) {
  const preview = usePreview(path, datasetType);
  if (preview.isPending) {
    return (
      <Box color="text-body-secondary">
        <Spinner /> Reading the file…
      </Box>
    );
  }
  if (preview.isError) {
    return (
      <ErrorAlert
        header="This file could not be read"
        error={preview.error}
        testId={`preview-error-${datasetType}`}
      />
    );
  }
  const data = preview.data;
  const users = distinctOf(data, 'USER_ID');
  const items = distinctOf(data, 'ITEM_ID');
  const pairs = [
    {
      label: 'Rows',
      value: (
        <span data-testid={`row-count-${datasetType}`}>{formatCount(data.rowCount)} rows</span>
      ),
    },
    ...(users === undefined
      ? []
      : [
          {
            label: 'Distinct users',
            value: <span data-testid={`distinct-users-${datasetType}`}>{formatCount(users)}</span>,
          },
        ]),
    ...(items === undefined
      ? []
      : [
          {
            label: 'Distinct items',
            value: <span data-testid={`distinct-items-${datasetType}`}>{formatCount(items)}</span>,
          },
        ]),
    { label: 'Columns', value: data.columns.map((column) => column.name).join(', ') },
  ];
  return (
    <SpaceBetween size="m">
      <KeyValuePairs columns={4} items={pairs} />
      <div data-testid={`checks-${datasetType}`} data-check-count={data.checks.length}>
        {data.checks.length === 0 ? (
          <StatusIndicator type="success">No problems found by the basic checks</StatusIndicator>
        ) : (
          <SpaceBetween size="xs">
            {data.checks.map((check, index) => (
              <Alert
                key={`${check.level}-${index}`}
                type={CHECK_TYPES[check.level]}
                header={check.column === undefined ? undefined : `Column ${check.column}`}
                data-testid={`check-${datasetType}-${check.level}`}
              >
                {check.message}
                {check.level === 'error'
                  ? ' This blocks the import: fix the file and choose it again.'
                  : ''}
              </Alert>
            ))}
          </SpaceBetween>
        )}
      </div>
      <Box variant="small">First {formatCount(data.rows.length)} rows</Box>
      <PreviewGrid preview={data} datasetType={datasetType} />
    </SpaceBetween>
  );
}
