import { StatusIndicator, type StatusIndicatorProps } from '../../components/StatusIndicator.js';
import Table, { type TableProps } from '@cloudscape-design/components/table';
import type { ReactNode } from 'react';
import { assertNever } from '../../../../shared/errors.js';
import type { SetupItem } from '../../../../shared/ipc/setup.js';
import { IdText } from '../../components/IdText.js';

/** A setup item kind in words. */
export function setupKindLabel(kind: SetupItem['kind']): string {
  switch (kind) {
    case 'bucket':
      return 'S3 bucket';
    case 'bucketEncryption':
      return 'Bucket encryption';
    case 'publicAccessBlock':
      return 'Public access block';
    case 'bucketPolicy':
      return 'Bucket policy';
    case 'bucketTags':
      return 'Bucket tags';
    case 'role':
      return 'IAM role';
    case 'roleTrustPolicy':
      return 'Role trust policy';
    case 'rolePolicy':
      return 'Role policy';
    case 'roleTags':
      return 'Role tags';
    default:
      return assertNever(kind);
  }
}

function stateIndicator(state: SetupItem['state']): {
  type: StatusIndicatorProps.Type;
  text: string;
} {
  switch (state) {
    case 'present':
      return { type: 'success', text: 'Present' };
    case 'missing':
      return { type: 'pending', text: 'Missing' };
    case 'different':
      return { type: 'warning', text: 'Different' };
    default:
      return assertNever(state);
  }
}

/**
 * The items of a setup check as a table: kind, name, state (present / missing / different,
 * `data-testid="setup-state-<kind>"`) and what the check found.
 */
export function SetupTable({
  items,
  isLoading,
  empty,
  header,
  variant,
}: {
  items: readonly SetupItem[];
  isLoading: boolean;
  empty: ReactNode;
  header?: ReactNode;
  variant: TableProps.Variant;
}) {
  return (
    <Table
      variant={variant}
      header={header}
      ariaLabels={{ tableLabel: 'Environment setup' }}
      loading={isLoading}
      loadingText="Checking the environment"
      items={items}
      wrapLines
      trackBy={(item) => `${item.kind}:${item.name}`}
      empty={empty}
      columnDefinitions={[
        // Minimum widths: in a narrow window the table scrolls sideways rather than breaking words.
        {
          id: 'kind',
          header: 'Item',
          cell: (item) => setupKindLabel(item.kind),
          width: 180,
          minWidth: 150,
        },
        {
          id: 'name',
          header: 'Name',
          cell: (item) => <IdText>{item.name}</IdText>,
          minWidth: 160,
        },
        {
          id: 'state',
          header: 'State',
          width: 140,
          minWidth: 120,
          cell: (item) => {
            const indicator = stateIndicator(item.state);
            return (
              <span data-testid={`setup-state-${item.kind}`} data-state={item.state}>
                <StatusIndicator type={indicator.type}>{indicator.text}</StatusIndicator>
              </span>
            );
          },
        },
        { id: 'detail', header: 'Detail', cell: (item) => item.detail, minWidth: 200 },
      ]}
    />
  );
}
