import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ProgressBar from '@cloudscape-design/components/progress-bar';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { formatJobQuantity, isTerminalJobState, type Job } from '../../../../../shared/jobs.js';
import { invoke } from '../../../api/client.js';

/**
 * The running `data.export` job of "Export importable files": its step, the files written of
 * the recipe's outputs, and the rows written to each file (counted once the file is written),
 * with a Cancel button (the job removes its partial files). Nothing once the job has ended.
 */
export function ExportJobProgress({ job }: { job: Job | undefined }) {
  if (job === undefined || isTerminalJobState(job.state)) return null;
  const { progress } = job;
  return (
    <SpaceBetween size="xs" data-testid="prepare-export-progress">
      <ProgressBar
        label={job.step}
        value={progress.total > 0 ? (100 * progress.done) / progress.total : 0}
        additionalInfo={`${formatJobQuantity(progress.done, progress.unit)} of ${formatJobQuantity(progress.total, progress.unit)} ${progress.unit} written`}
      />
      {(progress.measures ?? []).map((measure) => (
        <Box key={measure.label} variant="small" data-testid="prepare-export-rows">
          {measure.label}:{' '}
          {measure.total === undefined
            ? 'waiting'
            : `${formatJobQuantity(measure.done, measure.unit)} ${measure.unit}`}
        </Box>
      ))}
      <Button onClick={() => void invoke('jobs.cancel', { jobId: job.id })}>Cancel export</Button>
    </SpaceBetween>
  );
}
