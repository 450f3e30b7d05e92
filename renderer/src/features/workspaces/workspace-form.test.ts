import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../../../shared/ipc/workspaces.js';
import {
  emptyDraft,
  targetDraft,
  validateDraft,
  validateEdit,
  type WorkspaceDraft,
} from './workspace-form.js';

const aws = (overrides: Partial<WorkspaceDraft> = {}): WorkspaceDraft => ({
  ...emptyDraft(),
  name: 'Customer A',
  targetKind: 'aws',
  profile: 'customer-a',
  region: 'eu-west-1',
  ...overrides,
});

describe('validateDraft', () => {
  it('builds the create input of a valid AWS draft, leaving out empty optional fields', () => {
    const result = validateDraft(
      aws({
        accountId: '1111-2222-3333',
        tags: [{ key: 'team', value: 'retail', existing: false }],
      }),
    );
    expect(result).toEqual({
      ok: true,
      input: {
        name: 'Customer A',
        target: {
          kind: 'aws',
          profile: 'customer-a',
          region: 'eu-west-1',
          accountId: '111122223333',
        },
        tags: { team: 'retail' },
        notes: '',
      },
    });
  });

  it('shows the schema messages on the fields: bad region, bad prefix, bad account id, no name, no profile', () => {
    const result = validateDraft(
      aws({ name: ' ', profile: '', region: 'Europe', prefix: 'Acme_Retail', accountId: '12345' }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      name: 'Give the workspace a name, e.g. the customer.',
      profile: 'Choose an AWS profile.',
      region:
        'Amazon Personalize is not offered in "Europe". Choose one of us-east-1, us-east-2, us-west-2, ap-south-1, ap-northeast-1, ap-northeast-2, ap-southeast-1, ap-southeast-2, ca-central-1, eu-west-1, eu-central-1, cn-north-1, us-gov-west-1.',
      accountId: 'An AWS account id has 12 digits.',
      prefix: expect.stringContaining('Use lower-case letters, digits and hyphens') as string,
    });
  });

  it('refuses a prefix too long for every resource name to fit', () => {
    const result = validateDraft({ ...emptyDraft(), name: 'x', prefix: 'a'.repeat(25) });
    expect(result.ok ? undefined : result.errors.prefix).toBe(
      'A prefix has at most 24 characters, so that every resource name stays under 63.',
    );
  });

  it('refuses tag keys reserved by AWS and ignores tags marked for removal', () => {
    const reserved = validateDraft({
      ...emptyDraft(),
      name: 'x',
      tags: [{ key: 'aws:owner', value: 'me', existing: false }],
    });
    expect(reserved.ok ? undefined : reserved.errors.tags).toBe(
      'Tag keys starting with aws: are reserved by AWS.',
    );
    const removed = validateDraft({
      ...emptyDraft(),
      name: 'x',
      tags: [{ key: 'aws:owner', value: 'me', existing: true, markedForRemoval: true }],
    });
    expect(removed.ok).toBe(true);
  });

  it('a sandbox draft has no profile or account', () => {
    expect(validateDraft({ ...emptyDraft(), name: 'Demo' })).toEqual({
      ok: true,
      input: {
        name: 'Demo',
        target: { kind: 'sandbox', region: 'us-east-1' },
        tags: {},
        notes: '',
      },
    });
  });
});

describe('validateEdit', () => {
  const workspace: Workspace = {
    id: 'ws-acme',
    name: 'Acme',
    target: { kind: 'aws', profile: 'acme', region: 'eu-west-1', accountId: '111111111111' },
    accountId: '111111111111',
    prefix: 'acme-1a2b',
    tags: {},
    notes: '',
    setup: { bucket: 'poc-studio-acme-1a2b-abcdef', roleName: 'PersonalizePocStudio-acme-1a2b' },
    createdAtMs: 1,
    updatedAtMs: 1,
  };

  it('sends a corrected profile, region and account id, and leaves an unchanged target out', () => {
    const unchanged = validateEdit(workspace, {
      name: 'Acme',
      notes: '',
      tags: [],
      target: targetDraft(workspace),
    });
    expect(unchanged).toEqual({
      ok: true,
      input: { workspaceId: 'ws-acme', name: 'Acme', notes: '', tags: {} },
    });
    const fixed = validateEdit(workspace, {
      name: 'Acme',
      notes: '',
      tags: [],
      target: {
        targetKind: 'aws',
        profile: 'acme-eu',
        region: 'eu-central-1',
        accountId: '2109-8765-4321',
      },
    });
    expect(fixed).toEqual({
      ok: true,
      input: {
        workspaceId: 'ws-acme',
        name: 'Acme',
        notes: '',
        tags: {},
        target: {
          kind: 'aws',
          profile: 'acme-eu',
          region: 'eu-central-1',
          accountId: '210987654321',
        },
      },
    });
    const bad = validateEdit(workspace, {
      name: 'Acme',
      notes: '',
      tags: [],
      target: { targetKind: 'aws', profile: 'acme', region: 'eu-west-1', accountId: '12345' },
    });
    expect(bad.ok).toBe(false);
  });
});
