import TopNavigation from '@cloudscape-design/components/top-navigation';
import type { Workspace } from '../../../shared/ipc/contract.js';
import { setDarkMode, useIsDarkMode } from './color-mode.js';

/**
 * Top bar: product name, the workspace, its target ("Local sandbox" with endpoint and
 * region), the jobs toggle and the light/dark switch.
 */
export function StudioTopNavigation({
  workspace,
  runningJobs,
  isConnectionLost = false,
  onToggleJobs,
}: {
  workspace: Workspace | undefined;
  runningJobs: number;
  /** The host is unreachable: the jobs' states are unknown. */
  isConnectionLost?: boolean;
  onToggleJobs: () => void;
}) {
  const isDark = useIsDarkMode();
  return (
    <TopNavigation
      identity={{ title: 'Personalize POC Studio', href: '#/data' }}
      utilities={[
        {
          type: 'menu-dropdown',
          text: workspace?.name ?? 'Opening…',
          description: 'Workspace',
          iconName: 'folder',
          ariaLabel: `Workspace: ${workspace?.name ?? 'opening'}`,
          items: workspace === undefined ? [] : [{ id: 'workspace', text: workspace.name, disabled: true }],
        },
        {
          type: 'menu-dropdown',
          text: 'Local sandbox',
          description: 'Target',
          iconName: 'status-positive',
          ariaLabel: 'Target: Local sandbox',
          items:
            workspace === undefined
              ? []
              : [
                  { id: 'region', text: `Region ${workspace.target.region}`, disabled: true },
                  { id: 'account', text: `Account ${workspace.accountId ?? 'not checked yet'}`, disabled: true },
                  { id: 'cost', text: 'Nothing is billed on the Local sandbox', disabled: true },
                ],
        },
        {
          type: 'button',
          text: isConnectionLost ? 'Jobs (state unknown)' : runningJobs > 0 ? `Jobs (${runningJobs} running)` : 'Jobs',
          iconName: isConnectionLost ? 'status-warning' : 'status-in-progress',
          ariaLabel: isConnectionLost ? 'Jobs, state unknown: connection lost' : runningJobs > 0 ? `Jobs, ${runningJobs} running` : 'Jobs',
          onClick: onToggleJobs,
        },
        {
          type: 'button',
          text: isDark ? 'Light mode' : 'Dark mode',
          ariaLabel: isDark ? 'Switch to light mode' : 'Switch to dark mode',
          onClick: () => setDarkMode(!isDark),
        },
      ]}
    />
  );
}
