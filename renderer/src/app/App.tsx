import Alert from '@cloudscape-design/components/alert';
import AppLayout from '@cloudscape-design/components/app-layout';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Flashbar from '@cloudscape-design/components/flashbar';
import Spinner from '@cloudscape-design/components/spinner';
import SplitPanel from '@cloudscape-design/components/split-panel';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { ChannelOutput } from '../../../shared/ipc/contract.js';
import { isTerminalJobState, type Job, type JobState } from '../../../shared/jobs.js';
import { errorMessage, getBridge, onBridgeReconnect } from '../api/client.js';
import { useConnection } from '../api/connection.js';
import { useGuide, useJobs, useWorkspace, useWorkspaces } from '../api/hooks.js';
import { attachLiveUpdates } from '../api/live-updates.js';
import { queryKeys } from '../api/query-keys.js';
import { useSelectWorkspace } from '../api/workspaces-hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { AccountBanner } from '../features/accounts/AccountBanner.js';
import { InventoryPage } from '../features/inventory/InventoryPage.js';
import { SetupPage } from '../features/setup/SetupPage.js';
import { CreateWorkspaceModal } from '../features/workspaces/CreateWorkspaceModal.js';
import { WorkspacesPage } from '../features/workspaces/WorkspacesPage.js';
import { ConnectionLostAlert } from './ConnectionLostAlert.js';
import { JobsPanel } from './JobsPanel.js';
import { jobStates, shouldOpenJobsPanel } from './jobs-panel-open.js';
import { noticeForJob, useNotices, type NoticeStore } from './notifications.js';
import { StepContent } from './StepContent.js';
import { StepNavigation } from './StepNavigation.js';
import { SkipLink } from './SkipLink.js';
import { StudioTopNavigation } from './StudioTopNavigation.js';
import { isGuideStep } from './steps.js';
import { goToStep, useHashRoute } from './use-hash-step.js';

/** Id of the step's content, where "Skip to the step" moves focus. */
const MAIN_CONTENT_ID = 'studio-step-content';

/** Height of the jobs drawer (bottom split panel) when it opens, in pixels. */
export const JOBS_PANEL_SIZE = 200;

/**
 * The app shell: top bar (workspace switcher), the account banner of the shown workspace, the
 * steps checklist on the left (plus Setup and Workspaces), the current step or page in the
 * middle, the jobs split panel, flash messages when jobs end (at most 3, success ones dismiss
 * themselves), and a persistent alert when the connection to the host is lost. Everything below
 * the top bar is keyed by the shown workspace's id, so switching resets per-step state. Marks
 * `<body data-app-state="ready">` once the workspace and its guide view have loaded.
 */
export function App({ notices }: { notices: NoticeStore }) {
  const queryClient = useQueryClient();
  const workspaces = useWorkspaces();
  const workspace = useWorkspace();
  const workspaceId = workspace.data?.id;
  const poc = useGuide(workspaceId);
  const jobs = useJobs(workspaceId);
  const step = useHashRoute();
  const select = useSelectWorkspace();
  const [isCreating, setCreating] = useState(false);
  const flashes = useNotices(notices);
  const [isJobsOpen, setJobsOpen] = useState(false);
  const [isNavigationOpen, setNavigationOpen] = useState(true);
  const [jobsPanelSize, setJobsPanelSize] = useState(JOBS_PANEL_SIZE);
  const { isLost, reason: lossReason } = useConnection();

  useEffect(
    () =>
      attachLiveUpdates(getBridge(), queryClient, (job) => {
        // A job of a workspace the window does not show says whose it is.
        const list = queryClient.getQueryData<ChannelOutput<'workspaces.list'>>(
          queryKeys.workspaces,
        );
        const owner = list?.workspaces.find((candidate) => candidate.id === job.workspaceId);
        const notice = noticeForJob(
          job,
          queryClient.getQueryData<Job[]>(queryKeys.jobs(job.workspaceId)) ?? [],
        );
        notices.push(
          owner !== undefined && owner.id !== list?.currentId
            ? { ...notice, header: `${owner.name}: ${notice.header}` }
            : notice,
        );
      }),
    [queryClient, notices],
  );

  // After the event stream reconnects, refetch once what events may have changed meanwhile.
  useEffect(() => onBridgeReconnect(() => void queryClient.invalidateQueries()), [queryClient]);

  const isReady = workspace.data !== undefined && poc.data !== undefined;
  useEffect(() => {
    document.body.dataset.appState = isReady
      ? 'ready'
      : workspace.isError || poc.isError
        ? 'error'
        : 'loading';
  }, [isReady, workspace.isError, poc.isError]);

  // Once the connection is lost, the jobs' states are unknown: nothing is counted as running.
  const runningCount = isLost
    ? 0
    : (jobs.data ?? []).filter((job) => !isTerminalJobState(job.state)).length;
  // The jobs panel opens by itself only when a job fails (see shouldOpenJobsPanel): a running
  // job shows in the top bar and never covers the step.
  const previousStates = useRef<ReadonlyMap<string, JobState>>(new Map());
  useEffect(() => {
    const list = jobs.data ?? [];
    if (shouldOpenJobsPanel(previousStates.current, list)) setJobsOpen(true);
    previousStates.current = jobStates(list);
  }, [jobs.data]);

  const loadError = workspace.error ?? poc.error;
  const content =
    loadError !== null ? (
      <Box padding="l">
        <Alert
          type="error"
          header="The studio could not open the workspace"
          action={
            <Button
              onClick={() => void Promise.all([workspace.refetch(), poc.refetch()])}
              ariaLabel="Retry opening the workspace"
            >
              Retry
            </Button>
          }
        >
          {errorMessage(loadError)}
        </Alert>
      </Box>
    ) : !isReady || workspaceId === undefined ? (
      <Box padding="xxl" textAlign="center" data-testid="app-loading">
        <Spinner size="large" /> <Box variant="p">Opening the workspace…</Box>
      </Box>
    ) : step === 'inventory' ? (
      <InventoryPage key={workspaceId} workspaceId={workspaceId} />
    ) : step === 'workspaces' ? (
      <WorkspacesPage onNew={() => setCreating(true)} />
    ) : step === 'setup' && workspace.data !== undefined ? (
      <SetupPage key={workspaceId} workspace={workspace.data} />
    ) : isGuideStep(step) ? (
      <StepContent key={workspaceId} step={step} workspaceId={workspaceId} poc={poc.data} />
    ) : null;

  return (
    <>
      <SkipLink targetId={MAIN_CONTENT_ID} />
      <div id="studio-top-nav" style={{ position: 'sticky', top: 0, zIndex: 1002 }}>
        <StudioTopNavigation
          workspaces={workspaces.data?.workspaces ?? []}
          currentId={workspaceId}
          isSwitching={select.isPending}
          runningJobs={runningCount}
          isConnectionLost={isLost}
          onSelectWorkspace={(id) => select.mutate(id)}
          onNewWorkspace={() => setCreating(true)}
          onManageWorkspaces={() => goToStep('workspaces')}
          onToggleJobs={() => setJobsOpen((open) => !open)}
        />
        {workspace.data === undefined ? null : (
          <AccountBanner key={workspace.data.id} workspace={workspace.data} />
        )}
      </div>
      {isCreating ? (
        <CreateWorkspaceModal
          onClose={() => setCreating(false)}
          onCreated={(created) => {
            setCreating(false);
            select.mutate(created.id);
          }}
        />
      ) : null}
      <AppLayout
        headerSelector="#studio-top-nav"
        navigation={<StepNavigation current={step} poc={poc.data} isStale={isLost} />}
        navigationOpen={isNavigationOpen}
        onNavigationChange={({ detail }) => setNavigationOpen(detail.open)}
        notifications={
          <>
            {select.isError ? (
              <ErrorAlert header="The studio could not switch workspace" error={select.error} />
            ) : null}
            {isLost ? <ConnectionLostAlert reason={lossReason} /> : null}
            <Flashbar
              stackItems={false}
              i18nStrings={{
                ariaLabel: 'Notifications',
                notificationBarText: 'Notifications',
                notificationBarAriaLabel: 'View all notifications',
              }}
              items={flashes.map((notice) => ({
                id: notice.id,
                type: notice.type,
                header: notice.header,
                content: notice.content,
                dismissible: true,
                dismissLabel: 'Dismiss notification',
                onDismiss: () => notices.dismiss(notice.id),
              }))}
            />
          </>
        }
        toolsHide
        content={
          <div id={MAIN_CONTENT_ID} tabIndex={-1} style={{ outline: 'none' }}>
            {content}
          </div>
        }
        splitPanel={
          <SplitPanel
            header="Jobs"
            hidePreferencesButton
            closeBehavior="collapse"
            data-testid="jobs-split-panel"
          >
            <JobsPanel jobs={jobs.data ?? []} isLoading={jobs.isLoading} isStale={isLost} />
          </SplitPanel>
        }
        splitPanelOpen={isJobsOpen}
        onSplitPanelToggle={({ detail }) => setJobsOpen(detail.open)}
        splitPanelPreferences={{ position: 'bottom' }}
        splitPanelSize={jobsPanelSize}
        onSplitPanelResize={({ detail }) => setJobsPanelSize(detail.size)}
      />
    </>
  );
}
