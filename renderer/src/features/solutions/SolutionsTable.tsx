import Badge from '@cloudscape-design/components/badge';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import { StatusIndicator } from '../../components/StatusIndicator.js';
import Table from '@cloudscape-design/components/table';
import type {
  SolutionsOverview,
  SolutionVersionView,
  SolutionView,
} from '../../../../shared/ipc/solutions.js';
import { isTerminalStatus } from '../../../../shared/personalize.js';
import { formatElapsed } from '../../app/steps.js';
import { useNow } from '../../app/use-now.js';
import { resourceStatusType } from '../../components/resource-status.js';

/** One row: a version of a solution (or the solution alone while it has none). */
interface VersionRow {
  readonly id: string;
  readonly solution: SolutionView;
  readonly version?: SolutionVersionView | undefined;
  readonly isLatest: boolean;
}

const EVALUATION_PHASES: Readonly<Record<string, string>> = {
  read: 'Evaluating: reading the files',
  split: 'Evaluating: split',
  train: 'Evaluating: train',
  evaluate: 'Evaluating: evaluate',
};

/**
 * The phase of a version in words: while the service trains, "Training (service)"; once ACTIVE,
 * the studio's evaluation phase (split, train, evaluate) while it runs, then "Evaluated".
 */
export function phaseText(version: SolutionVersionView | undefined): string {
  if (version === undefined) return 'Creating the solution';
  if (!isTerminalStatus(version.status)) return 'Training (service)';
  if (version.status !== 'ACTIVE') return '—';
  if (version.phase !== undefined) return EVALUATION_PHASES[version.phase] ?? version.phase;
  if (version.evaluationError !== undefined) return 'Evaluation failed';
  if (version.evaluation !== undefined)
    return `Evaluated on ${version.evaluation.users} test users`;
  return version.metrics === undefined ? 'Reading metrics' : 'Waiting for evaluation';
}

/**
 * Every solution and version of the POC: recipe, configuration, status, phase and elapsed
 * time; "Train new version" on each solution's latest row.
 */
export function SolutionsTable({
  overview,
  isBusy,
  onNewVersion,
}: {
  overview: SolutionsOverview | undefined;
  isBusy: boolean;
  onNewVersion: (solution: SolutionView) => void;
}) {
  const rows: VersionRow[] = (overview?.solutions ?? []).flatMap((solution): VersionRow[] =>
    solution.versions.length === 0
      ? [{ id: solution.solutionArn, solution, isLatest: true }]
      : solution.versions.map((version, index) => ({
          id: version.solutionVersionArn,
          solution,
          version,
          isLatest: index === 0,
        })),
  );
  const isRunning = rows.some(
    (row) => !isTerminalStatus(row.version?.status) || row.version?.phase !== undefined,
  );
  const now = useNow(isRunning);
  return (
    <div data-testid="solutions-table" data-row-count={rows.length}>
      <Table
        header={
          <Header
            variant="h2"
            counter={`(${overview?.solutions.length ?? 0})`}
            description="Every solution of the POC and its versions, newest first. Each version trains on the service, then the studio evaluates it (split, train, evaluate) for the intervals."
          >
            Solutions and versions
          </Header>
        }
        ariaLabels={{ tableLabel: 'Solutions and versions' }}
        items={rows}
        trackBy="id"
        wrapLines
        empty={
          <Box color="text-body-secondary">
            No solutions yet. Select recipes and choose Train, or Configure… one.
          </Box>
        }
        columnDefinitions={[
          {
            id: 'solution',
            header: 'Solution',
            isRowHeader: true,
            cell: (row) => (row.isLatest ? row.solution.name : ''),
          },
          {
            id: 'recipe',
            header: 'Recipe',
            cell: (row) => (row.isLatest ? row.solution.recipe : ''),
          },
          {
            id: 'config',
            header: 'Hyperparameters',
            cell: (row) => {
              if (!row.isLatest) return '';
              const entries = Object.entries({
                ...row.solution.algorithmHyperParameters,
                ...row.solution.featureTransformationParameters,
              });
              return entries.length === 0 ? (
                <Box color="text-body-secondary">Defaults</Box>
              ) : (
                entries.map(([name, value]) => `${name}=${value}`).join(', ')
              );
            },
          },
          { id: 'version', header: 'Version', cell: (row) => row.version?.shortId ?? '—' },
          {
            id: 'status',
            header: 'Status',
            // A status is one word: never broken mid-word ("ACT" / "IVE").
            minWidth: 150,
            cell: (row) => {
              const status = row.version?.status ?? row.solution.status;
              return (
                <span
                  data-testid={`version-status-${row.version?.shortId ?? row.solution.name}`}
                  data-status={status ?? 'none'}
                >
                  <StatusIndicator type={resourceStatusType(status)} wrapText={false}>
                    {status ?? 'Starting'}
                  </StatusIndicator>
                  {row.version?.failureReason === undefined ? null : (
                    <Box color="text-status-error">{row.version.failureReason}</Box>
                  )}
                </span>
              );
            },
          },
          {
            id: 'phase',
            header: 'Phase',
            cell: (row) => (
              <span
                data-testid={`version-phase-${row.version?.shortId ?? row.solution.name}`}
                title={row.version?.evaluationError}
              >
                {phaseText(row.version)}
              </span>
            ),
          },
          {
            id: 'elapsed',
            header: 'Elapsed',
            cell: (row) => {
              const version = row.version;
              if (version?.createdAtMs === undefined) return '—';
              const end = isTerminalStatus(version.status)
                ? (version.lastUpdatedAtMs ?? version.createdAtMs)
                : now;
              return formatElapsed(Math.max(0, end - version.createdAtMs));
            },
          },
          {
            id: 'data',
            header: 'Data',
            cell: (row) =>
              row.version === undefined ? (
                ''
              ) : row.version.isCurrentData ? (
                <Box variant="small">
                  {row.version.data?.interactionsRows?.toLocaleString('en-US') ?? '—'} interactions
                </Box>
              ) : (
                <Badge color="red">Other data</Badge>
              ),
          },
          {
            id: 'actions',
            header: 'Actions',
            cell: (row) =>
              row.isLatest && row.version !== undefined ? (
                <Button
                  variant="inline-link"
                  disabled={isBusy || !isTerminalStatus(row.version.status)}
                  ariaLabel={`Train a new version of ${row.solution.name}`}
                  onClick={() => onNewVersion(row.solution)}
                >
                  Train new version
                </Button>
              ) : null,
          },
        ]}
      />
    </div>
  );
}
