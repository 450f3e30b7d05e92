import Box from '@cloudscape-design/components/box';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import type { ChannelOutput } from '../../../../../shared/ipc/contract.js';
import type { PrepareDatasetType } from '../../../../../shared/prepare/recipe.js';

/**
 * A recipe output's preview: the rows left after each step (with the change from the step
 * before), the first rows of the file it writes, and the DuckDB SQL it runs.
 */
export function PreviewResults({
  tab,
  preview,
}: {
  tab: PrepareDatasetType;
  preview: ChannelOutput<'data.preparePreview'>;
}) {
  const stages = preview.stages;
  return (
    <SpaceBetween size="m">
      <Table
        variant="embedded"
        data-testid="prepare-stages"
        header={<strong>Rows after each step</strong>}
        items={stages.map((stage, index) => ({ ...stage, index }))}
        trackBy={(stage) => String(stage.index)}
        columnDefinitions={[
          { id: 'label', header: 'Step', cell: (stage) => stage.label },
          {
            id: 'rows',
            header: 'Rows',
            cell: (stage) => stage.rows.toLocaleString('en-US'),
          },
          {
            id: 'change',
            header: 'Change',
            cell: (stage) => {
              const before = stages[stage.index - 1]?.rows;
              if (before === undefined || before === stage.rows) return '';
              const change = stage.rows - before;
              return `${change > 0 ? '+' : '−'}${Math.abs(change).toLocaleString('en-US')}`;
            },
          },
        ]}
      />
      <Table
        variant="embedded"
        data-testid="prepare-preview-rows"
        header={<strong>First rows of {tab}.csv</strong>}
        items={preview.rows}
        columnDefinitions={preview.columns.map((column) => ({
          id: column,
          header: column,
          cell: (row: Record<string, string | null>) => row[column] ?? '',
        }))}
      />
      <ExpandableSection headerText="DuckDB SQL of this output" defaultExpanded>
        <Box variant="code" data-testid="prepare-sql">
          <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{preview.sql}</pre>
        </Box>
      </ExpandableSection>
    </SpaceBetween>
  );
}
