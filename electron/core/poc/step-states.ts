import { type PocState, type PocStep, type StepState } from '../../../shared/poc.js';

/** True when PocState still records a resource of the POC (bucket, dataset group, schema, dataset, solution, campaign). */
export function hasPocResources(state: PocState): boolean {
  return (
    state.bucket !== undefined ||
    state.datasetGroupArn !== undefined ||
    Object.keys(state.schemaArns).length > 0 ||
    Object.keys(state.datasetArns).length > 0 ||
    state.solutions.length > 0 ||
    state.campaign !== undefined
  );
}

/** True when every chosen file (interactions required) has an ACTIVE import. */
function isImported(state: PocState): boolean {
  const chosen = Object.entries(state.files).filter(([, filePath]) => filePath !== undefined);
  return state.files.interactions !== undefined && chosen.every(([type]) => state.importStatus[type] === 'ACTIVE');
}

/**
 * True when the chosen files differ from the files last imported (PocState.importedFiles):
 * the dataset group, solutions and campaign then hold the old data.
 */
export function filesChangedSinceImport(state: PocState): boolean {
  const imported = state.importedFiles;
  if (imported === undefined || Object.values(imported).every((filePath) => filePath === undefined)) return false;
  return state.files.interactions !== imported.interactions || state.files.items !== imported.items;
}

/**
 * The checklist states derived from what PocState records, given the states the jobs wrote
 * (`running` and `attention` come from the jobs and win over what the resources say):
 * - data: done when an interactions file is chosen;
 * - import: done when every chosen file's import is ACTIVE (a new file resets it);
 * - solutions / campaign: done when a solution version / the campaign is ACTIVE;
 * - explore: done once recommendations were asked for, while the campaign is ACTIVE;
 * - when the chosen files differ from the imported ones, import is notStarted and solutions,
 *   campaign and explore are attention instead of done (they hold the old data);
 * - cleanup: done only after a teardown ran (it wrote `done`) and nothing of the POC remains;
 *   any resource created later resets it to notStarted.
 */
export function deriveStepStates(state: PocState): Record<PocStep, StepState> {
  const written = (step: PocStep): StepState => state.steps[step] ?? 'notStarted';
  const fromJob = (step: PocStep, isDone: boolean): StepState => {
    const current = written(step);
    if (current === 'running' || current === 'attention') return current;
    return isDone ? 'done' : 'notStarted';
  };
  const isCampaignActive = state.campaign?.status === 'ACTIVE';
  const cleanup = written('cleanup');
  const hasResources = hasPocResources(state);
  const isStale = filesChangedSinceImport(state);
  const staleAware = (derivedState: StepState): StepState => (isStale && derivedState === 'done' ? 'attention' : derivedState);
  const derived: Record<PocStep, StepState> = {
    data: state.files.interactions === undefined ? 'notStarted' : 'done',
    import: fromJob('import', isImported(state) && !isStale),
    solutions: staleAware(fromJob('solutions', state.solutions.some((solution) => solution.status === 'ACTIVE'))),
    campaign: staleAware(fromJob('campaign', isCampaignActive)),
    explore: staleAware(written('explore') === 'done' && isCampaignActive ? 'done' : 'notStarted'),
    cleanup: cleanup === 'running' || cleanup === 'attention' ? cleanup : cleanup === 'done' && !hasResources ? 'done' : 'notStarted',
  };
  return derived;
}
