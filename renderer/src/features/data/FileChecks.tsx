import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { DataPreview } from '../../../../shared/ipc/contract.js';
import { describeMappingFix, type MappingFix } from '../../../../shared/prepare/mapping-fix.js';
import { StatusIndicator } from '../../components/StatusIndicator.js';
import type { DatasetType } from './data-hooks.js';

const CHECK_TYPES = { error: 'error', warning: 'warning', info: 'info' } as const;

/**
 * The service's checks of a Data step file, one alert each. A check whose fix is a change of the
 * column mapping or of the source encoding (`fixMapping`: Rename CustomerID to USER_ID, ISO dates
 * to epoch seconds, Latin-1 to UTF-8) has its own "Fix into new files" button (`onFix`): Fix into
 * new files reads the file with that fix filled in. A blocking check says how to get past it.
 */
export function FileChecks({
  datasetType,
  checks,
  onFix,
}: {
  datasetType: DatasetType;
  checks: DataPreview['checks'];
  /** Opens Fix into new files with the check's fix; without it, no button. */
  onFix?: ((fix: MappingFix) => void) | undefined;
}) {
  return (
    <div data-testid={`checks-${datasetType}`} data-check-count={checks.length}>
      {checks.length === 0 ? (
        <StatusIndicator type="success">No problems found by the service's rules</StatusIndicator>
      ) : (
        <SpaceBetween size="xs">
          {checks.map((check, index) => {
            const fix = onFix === undefined ? undefined : check.fixMapping;
            return (
              <Alert
                key={`${check.level}-${index}`}
                type={CHECK_TYPES[check.level]}
                header={check.column === undefined ? undefined : `Column ${check.column}`}
                data-testid={`check-${datasetType}-${check.level}`}
                action={
                  fix === undefined ? undefined : (
                    <Button
                      ariaLabel={`Fix into new files: ${describeMappingFix(fix)}`}
                      onClick={() => onFix?.(fix)}
                    >
                      Fix into new files
                    </Button>
                  )
                }
              >
                {check.message}
                {check.level !== 'error'
                  ? ''
                  : fix === undefined
                    ? ' This blocks the import: fix it into new files (the button above), or fix the file and choose it again.'
                    : ` This blocks the import: its Fix into new files button writes new files with this fix (${describeMappingFix(fix)}), or fix the file and choose it again.`}
              </Alert>
            );
          })}
        </SpaceBetween>
      )}
    </div>
  );
}
