import Box from '@cloudscape-design/components/box';
import Checkbox from '@cloudscape-design/components/checkbox';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { PrepareDatasetType } from '../../../../../shared/prepare/recipe.js';
import type { OutputDraft } from './recipe-form.js';

/**
 * "This file feeds": one checkbox per dataset the raw file can write (interactions, items,
 * users); the last ticked one stays, as an export writes at least one file. `onChange` gets the
 * outputs and the tab to show (the one just ticked, or another when the shown one is unticked).
 */
export function DatasetsFeed({
  outputs,
  tab,
  onChange,
}: {
  outputs: readonly OutputDraft[];
  tab: PrepareDatasetType;
  onChange: (outputs: OutputDraft[], tab: PrepareDatasetType) => void;
}) {
  return (
    <div role="group" aria-label="This file feeds">
      <SpaceBetween size="xxs">
        <Box variant="awsui-key-label">This file feeds</Box>
        <Box variant="small" color="text-body-secondary">
          The datasets the raw file holds: a catalogue export feeds items (or users) only; an order
          export can feed interactions and items. Each one writes its file and schema, and is
          checked with that dataset&apos;s rules.
        </Box>
        <SpaceBetween direction="horizontal" size="l" data-testid="prepare-datasets">
          {outputs.map((output) => {
            const enabledCount = outputs.filter((item) => item.isEnabled).length;
            const isLast = output.isEnabled && enabledCount === 1;
            return (
              <Checkbox
                key={output.datasetType}
                checked={output.isEnabled}
                // The last one stays: an export writes at least one file.
                disabled={isLast}
                onChange={({ detail }) => {
                  const next = outputs.map((item) =>
                    item === output ? { ...item, isEnabled: detail.checked } : item,
                  );
                  onChange(
                    next,
                    detail.checked
                      ? output.datasetType
                      : tab === output.datasetType
                        ? (next.find((item) => item.isEnabled)?.datasetType ?? 'interactions')
                        : tab,
                  );
                }}
              >
                {output.datasetType} (writes {output.datasetType}.csv)
              </Checkbox>
            );
          })}
        </SpaceBetween>
      </SpaceBetween>
    </div>
  );
}
