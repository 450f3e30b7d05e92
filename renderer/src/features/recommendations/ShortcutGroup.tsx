import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';

/** A user a shortcut button names, with their count of interactions when the file has them. */
export interface ShortcutUser {
  readonly userId: string;
  readonly historyCount?: number;
}

/** Props of {@link ShortcutGroup}. */
export interface ShortcutGroupProps {
  /** The group's name, shown before its buttons and in their accessible names ("Heavy"). */
  label: string;
  users: readonly ShortcutUser[];
  disabled: boolean;
  /** Fills the User ID with the user picked and asks for their recommendations. */
  onPick: (userId: string) => void;
}

/** One labelled group of shortcut buttons (e.g. "Heavy:"), each filling the User ID and asking. */
export function ShortcutGroup({ label, users, disabled, onPick }: ShortcutGroupProps) {
  if (users.length === 0) return null;
  return (
    <SpaceBetween direction="horizontal" size="xs" alignItems="center">
      <Box variant="small">{`${label}:`}</Box>
      {users.map((user) => (
        <Button
          key={user.userId}
          variant="normal"
          formAction="none"
          disabled={disabled}
          ariaLabel={`Recommendations for ${label.toLowerCase()} user ${user.userId}`}
          data-testid={`user-shortcut-${label.toLowerCase()}`}
          onClick={() => onPick(user.userId)}
        >
          {user.historyCount === undefined
            ? user.userId
            : `${user.userId} (${user.historyCount.toLocaleString('en-US')})`}
        </Button>
      ))}
    </SpaceBetween>
  );
}
