import ButtonDropdown, {
  type ButtonDropdownProps,
} from '@cloudscape-design/components/button-dropdown';
import type { Workspace } from '../../../../shared/ipc/contract.js';
import { targetLabel } from '../accounts/identity-text.js';

/** Id prefix of the switcher's workspace items (`workspace:<id>`). */
const WORKSPACE_ITEM = 'workspace:';

/** The switcher's menu: every workspace (name, target), then "New workspace…" and "Manage workspaces". */
export function switcherItems(
  workspaces: readonly Workspace[],
  currentId: string | undefined,
): ButtonDropdownProps.Items {
  return [
    {
      text: 'Workspaces',
      items: workspaces.map((workspace) => ({
        id: `${WORKSPACE_ITEM}${workspace.id}`,
        text: workspace.name,
        secondaryText: targetLabel(workspace.target, workspace.accountId),
        ...(workspace.id === currentId ? { iconName: 'check' as const } : {}),
      })),
    },
    {
      items: [
        { id: 'new', text: 'New workspace…', iconName: 'add-plus' },
        { id: 'manage', text: 'Manage workspaces', iconName: 'settings' },
      ],
    },
  ];
}

/**
 * The workspace (customer) switcher of the top bar: a menu listing every workspace with its
 * target; choosing one calls `onSelect` (the current one does nothing), plus "New workspace…"
 * and "Manage workspaces".
 */
export function WorkspaceSwitcher({
  workspaces,
  currentId,
  isSwitching = false,
  onSelect,
  onNew,
  onManage,
}: {
  workspaces: readonly Workspace[];
  currentId: string | undefined;
  isSwitching?: boolean;
  onSelect: (workspaceId: string) => void;
  onNew: () => void;
  onManage: () => void;
}) {
  const current = workspaces.find((workspace) => workspace.id === currentId);
  return (
    <ButtonDropdown
      items={switcherItems(workspaces, currentId)}
      loading={isSwitching}
      ariaLabel={`Workspace: ${current?.name ?? 'opening'}. Switch workspace`}
      onItemClick={({ detail }) => {
        if (detail.id === 'new') onNew();
        else if (detail.id === 'manage') onManage();
        else if (detail.id.startsWith(WORKSPACE_ITEM)) {
          const workspaceId = detail.id.slice(WORKSPACE_ITEM.length);
          if (workspaceId !== currentId) onSelect(workspaceId);
        }
      }}
    >
      <span data-testid="current-workspace">{current?.name ?? 'Opening…'}</span>
    </ButtonDropdown>
  );
}
