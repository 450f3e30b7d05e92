/**
 * `poc-studio profiles [--json]`: the AWS profiles of the user's config and credentials files
 * (`AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE` honoured) as the studio sees them — name,
 * kind, region, SSO session, endpoint — never a secret.
 */
import { parseArgs } from 'node:util';
import {
  configuredEndpoint,
  listProfiles,
  type ProfileSummary,
} from '../core/accounts/profiles.js';

/** What `profiles --json` prints per profile. */
export interface ProfileLine {
  readonly name: string;
  readonly kind: ProfileSummary['kind'];
  readonly region?: string;
  readonly ssoSession?: string;
  readonly endpoint?: string;
}

/** The printable facts of a profile (its configured endpoint: `endpoint_url`, else the Personalize `services` entry). */
export function profileLine(profile: ProfileSummary): ProfileLine {
  const endpoint = profile.endpointUrl ?? configuredEndpoint(profile, 'personalize');
  return {
    name: profile.name,
    kind: profile.kind,
    ...(profile.region === undefined ? {} : { region: profile.region }),
    ...(profile.ssoSession === undefined ? {} : { ssoSession: profile.ssoSession }),
    ...(endpoint === undefined ? {} : { endpoint }),
  };
}

/**
 * Runs `profiles`: one line per profile (name, kind, region, SSO session, endpoint), or a JSON
 * array with `--json`. Resolves with 0 (also when there is no profile: it says so).
 */
export async function profilesCommand(
  args: string[],
  write: (text: string) => void = (text) => process.stdout.write(text),
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean', default: false } },
    strict: true,
  });
  const lines = (await listProfiles({ env })).map(profileLine);
  if (values.json) {
    write(`${JSON.stringify(lines, null, 2)}\n`);
    return 0;
  }
  if (lines.length === 0) {
    write(
      'No AWS profiles found. Add one with `aws configure` or `aws configure sso`, or set AWS_CONFIG_FILE.\n',
    );
    return 0;
  }
  const rows = [
    ['PROFILE', 'KIND', 'REGION', 'SSO SESSION', 'ENDPOINT'],
    ...lines.map((line) => [
      line.name,
      line.kind,
      line.region ?? '-',
      line.ssoSession ?? '-',
      line.endpoint ?? '-',
    ]),
  ];
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  for (const row of rows)
    write(
      `${row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd()}\n`,
    );
  return 0;
}
