import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { UserIdSchema } from '../../../../shared/rules/ids.js';
import { PlaceholderFields } from '../filters/FiltersPanel.js';
import type { ChoiceOption, Comparison } from './explore-comparison.js';
import { ShortcutGroup, type ShortcutUser } from './ShortcutGroup.js';

/** Why `userId` cannot be asked for (empty, longer than 256 characters), or undefined. */
export function userIdError(userId: string): string | undefined {
  const checked = UserIdSchema.safeParse(userId.trim());
  return checked.success
    ? undefined
    : (checked.error.issues[0]?.message ?? 'This user id is not valid.');
}

/** Props of {@link UserRequestForm}. */
export interface UserRequestFormProps {
  campaignOptions: readonly ChoiceOption[];
  /** The campaign asked (chosen, else the default one). */
  mainArn: string | undefined;
  /** Shown while no campaign is listed: the guide's campaign name, or "No campaign". */
  campaignPlaceholder: string;
  filterOptions: readonly ChoiceOption[];
  filterArn: string | undefined;
  compareOptions: readonly ChoiceOption[];
  comparison: Comparison;
  /** The chosen filter's expression, whose placeholders get value fields; undefined without one. */
  filterExpression: string | undefined;
  values: Readonly<Record<string, string>>;
  userId: string;
  /** After a first submit the User ID says why it is not valid even while empty. */
  hasTriedSubmit: boolean;
  /** The campaign is ACTIVE: Get recommendations and the shortcuts can ask. */
  isActive: boolean;
  /** Recommendations are being asked for (the button shows it). */
  isAsking: boolean;
  /** Heavy / light users and cold ids of the imported interactions, once read. */
  shortcuts:
    | {
        readonly heavy: readonly ShortcutUser[];
        readonly light: readonly ShortcutUser[];
        readonly cold: readonly string[];
      }
    | undefined;
  /** Get recommendations for the User ID (Enter, or the button). */
  onSubmit: () => void;
  onCampaign: (campaignArn: string | undefined) => void;
  /** Undefined for No filter. */
  onFilter: (filterArn: string | undefined) => void;
  onComparison: (comparison: Comparison) => void;
  onValues: (values: Record<string, string>) => void;
  onUserId: (userId: string) => void;
  /** A shortcut picked: fill the User ID with it and ask. */
  onPick: (userId: string) => void;
}

/**
 * The "For a user" request: campaign, filter (with a field per placeholder of its expression),
 * what to compare with, the User ID with Get recommendations, and the heavy / light / cold
 * shortcuts.
 */
export function UserRequestForm({
  campaignOptions,
  mainArn,
  campaignPlaceholder,
  filterOptions,
  filterArn,
  compareOptions,
  comparison,
  filterExpression,
  values,
  userId,
  hasTriedSubmit,
  isActive,
  isAsking,
  shortcuts,
  onSubmit,
  onCampaign,
  onFilter,
  onComparison,
  onValues,
  onUserId,
  onPick,
}: UserRequestFormProps) {
  const validation = userIdError(userId);
  return (
    <Container header={<Header variant="h2">User</Header>}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        <SpaceBetween size="m">
          <ColumnLayout columns={3}>
            <FormField label="Campaign">
              <Select
                ariaLabel="Campaign"
                selectedOption={campaignOptions.find((option) => option.value === mainArn) ?? null}
                options={campaignOptions}
                placeholder={campaignPlaceholder}
                onChange={({ detail }) => onCampaign(detail.selectedOption.value)}
                data-testid="explore-campaign"
              />
            </FormField>
            <FormField label="Filter">
              <Select
                ariaLabel="Filter"
                selectedOption={
                  filterOptions.find((option) => option.value === (filterArn ?? '')) ?? null
                }
                options={filterOptions}
                onChange={({ detail }) =>
                  onFilter(
                    detail.selectedOption.value === '' ? undefined : detail.selectedOption.value,
                  )
                }
                data-testid="explore-filter"
              />
            </FormField>
            <FormField label="Compare with">
              <Select
                ariaLabel="Compare with"
                selectedOption={
                  compareOptions.find((option) => option.value === comparison) ?? null
                }
                options={compareOptions}
                onChange={({ detail }) => onComparison(detail.selectedOption.value ?? 'none')}
                data-testid="explore-compare"
              />
            </FormField>
          </ColumnLayout>
          {filterExpression === undefined ? null : (
            <PlaceholderFields
              expression={filterExpression}
              values={values}
              onChange={onValues}
              idPrefix="Filter"
            />
          )}
          <FormField
            label="User ID"
            description="A USER_ID of the interactions file (at most 256 characters)."
            errorText={userId.trim() !== '' || hasTriedSubmit ? validation : undefined}
          >
            <SpaceBetween direction="horizontal" size="xs">
              <Input
                ariaLabel="User ID"
                value={userId}
                onChange={({ detail }) => onUserId(detail.value)}
                invalid={validation !== undefined && userId.trim() !== ''}
                placeholder="e.g. 1"
                data-testid="user-id-input"
              />
              <Button
                variant="primary"
                formAction="submit"
                disabled={!isActive || validation !== undefined}
                loading={isAsking}
              >
                Get recommendations
              </Button>
            </SpaceBetween>
          </FormField>
          {shortcuts === undefined ? null : (
            <SpaceBetween size="xs" data-testid="user-shortcuts">
              <ShortcutGroup
                label="Heavy"
                users={shortcuts.heavy}
                disabled={!isActive}
                onPick={onPick}
              />
              <ShortcutGroup
                label="Light"
                users={shortcuts.light}
                disabled={!isActive}
                onPick={onPick}
              />
              <ShortcutGroup
                label="Cold"
                users={shortcuts.cold.map((id) => ({ userId: id }))}
                disabled={!isActive}
                onPick={onPick}
              />
            </SpaceBetween>
          )}
        </SpaceBetween>
      </form>
    </Container>
  );
}
