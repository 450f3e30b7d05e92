import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Tiles from '@cloudscape-design/components/tiles';
import { assertNever } from '../../../../shared/errors.js';
import type { ProfileKind, ProfileSummary } from '../../../../shared/ipc/accounts.js';
import { useProfiles } from '../../api/accounts-hooks.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SANDBOX_REGION, type WorkspaceDraft, type WorkspaceField } from './workspace-form.js';

/** A profile kind in words, for the profile list. */
export function profileKindLabel(kind: ProfileKind): string {
  switch (kind) {
    case 'static':
      return 'Static keys';
    case 'assumeRole':
      return 'Assume role';
    case 'credentialProcess':
      return 'Credential process';
    case 'sso':
      return 'SSO (legacy)';
    case 'ssoSession':
      return 'SSO session';
    case 'unknown':
      return 'Unknown kind';
    default:
      return assertNever(kind);
  }
}

function profileDescription(profile: ProfileSummary): string {
  return [
    profileKindLabel(profile.kind),
    profile.region ?? 'no region',
    profile.endpointUrl === undefined ? undefined : `endpoint ${profile.endpointUrl}`,
  ]
    .filter((part): part is string => part !== undefined)
    .join(' · ');
}

/**
 * The target part of the workspace form: Local sandbox or AWS account; for AWS, the profile
 * (from `accounts.profiles`, shown with kind and region; choosing one takes its region), the
 * region and the 12-digit account id it must resolve to (optional). When the profiles cannot
 * be listed, the error shows and the profile name can be typed.
 */
export function TargetFields({
  draft,
  errors,
  onChange,
  hideKind = false,
}: {
  draft: WorkspaceDraft;
  errors: Partial<Record<WorkspaceField, string>>;
  onChange: (patch: Partial<WorkspaceDraft>) => void;
  /** Leaves out the Local sandbox / AWS account choice (editing an AWS workspace's target). */
  hideKind?: boolean;
}) {
  const isAws = draft.targetKind === 'aws';
  const profiles = useProfiles(isAws);
  const options = (profiles.data ?? []).map((profile) => ({
    value: profile.name,
    label: profile.name,
    description: profileDescription(profile),
  }));
  const selected = options.find((option) => option.value === draft.profile) ?? null;
  return (
    <SpaceBetween size="m">
      {hideKind ? null : (
        <FormField label="Target" errorText={errors.targetKind}>
          <Tiles
            ariaLabel="Target"
            value={draft.targetKind}
            onChange={({ detail }) => {
              const kind = detail.value === 'aws' ? 'aws' : 'sandbox';
              onChange(
                kind === 'sandbox'
                  ? { targetKind: kind, region: SANDBOX_REGION }
                  : { targetKind: kind },
              );
            }}
            items={[
              {
                value: 'sandbox',
                label: 'Local sandbox',
                description: 'The embedded Personalize-compatible engine: offline, nothing billed.',
              },
              {
                value: 'aws',
                label: 'AWS account',
                description: "A profile of your AWS config files, in the customer's account.",
              },
            ]}
          />
        </FormField>
      )}
      {isAws ? (
        <>
          {profiles.isError ? (
            <ErrorAlert
              header="The AWS profiles could not be listed"
              error={profiles.error}
              testId="profiles-error"
            />
          ) : null}
          <FormField
            label="AWS profile"
            errorText={errors.profile}
            description="From your AWS config and credentials files. Secrets stay in the studio's main process: this window never sees them."
          >
            {profiles.isError ? (
              <Input
                value={draft.profile}
                ariaLabel="AWS profile"
                placeholder="Profile name"
                onChange={({ detail }) => onChange({ profile: detail.value })}
              />
            ) : (
              <Select
                ariaLabel="AWS profile"
                selectedOption={selected}
                options={options}
                placeholder="Choose a profile"
                statusType={profiles.isPending ? 'loading' : 'finished'}
                loadingText="Reading the AWS config files"
                empty="No profile in the AWS config files"
                filteringType="auto"
                onChange={({ detail }) => {
                  const name = detail.selectedOption.value ?? '';
                  const region = profiles.data?.find((profile) => profile.name === name)?.region;
                  onChange({ profile: name, ...(region === undefined ? {} : { region }) });
                }}
              />
            )}
          </FormField>
        </>
      ) : null}
      <FormField
        label="Region"
        errorText={errors.region}
        description={isAws ? undefined : 'The Local sandbox answers in this region.'}
      >
        <Input
          value={draft.region}
          ariaLabel="Region"
          placeholder="eu-west-1"
          onChange={({ detail }) => onChange({ region: detail.value })}
        />
      </FormField>
      {isAws ? (
        <FormField
          label={
            <span>
              Account id <i>- optional</i>
            </span>
          }
          errorText={errors.accountId}
          constraintText="12 digits. Left empty, the account the profile resolves to on first connect is recorded; every create and delete then checks it."
        >
          <Input
            value={draft.accountId}
            ariaLabel="Account id"
            inputMode="numeric"
            placeholder="123456789012"
            onChange={({ detail }) => onChange({ accountId: detail.value })}
          />
        </FormField>
      ) : null}
    </SpaceBetween>
  );
}
