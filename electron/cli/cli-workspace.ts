import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/errors.js';
import type { Workspace } from '../../shared/ipc/workspaces.js';
import { createStudioApp } from '../core/app/create-studio-app.js';
import type { StudioCore } from '../core/app/studio-app.js';

/**
 * The data folder of the command line's workspaces: `$POC_STUDIO_USER_DATA/cli`, else
 * `~/.poc-studio/cli` — next to the app's, never the app's own (the app may be running).
 */
export function cliDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.POC_STUDIO_USER_DATA !== undefined && env.POC_STUDIO_USER_DATA !== ''
      ? env.POC_STUDIO_USER_DATA
      : path.join(env.HOME ?? os.homedir(), '.poc-studio');
  return path.join(base, 'cli');
}

/**
 * The command line's workspace of an AWS profile and region: the one an earlier run created
 * (so its tags, bucket and role stay the same and a second run changes nothing), else a new one
 * named `<label> <profile> <region>`.
 */
export async function workspaceForProfile(
  studio: StudioCore,
  label: string,
  profile: string,
  region: string,
): Promise<Workspace> {
  const existing = studio.workspaces
    .list()
    .find(
      (workspace) =>
        workspace.target.kind === 'aws' &&
        workspace.target.profile === profile &&
        workspace.target.region === region,
    );
  if (existing !== undefined) return existing;
  return studio.handlers['workspaces.create']({
    name: `${label} ${profile} ${region}`,
    target: { kind: 'aws', profile, region },
    tags: {},
    notes: '',
  });
}

/**
 * The `parseArgs` options that pick a command's workspace (see {@link WorkspaceChoice}):
 * `--workspace W`, `--profile P`, `--region R`.
 */
export const WORKSPACE_OPTIONS = {
  workspace: { type: 'string' },
  profile: { type: 'string' },
  region: { type: 'string' },
} as const;

/** AWS region names such as `eu-west-1`. */
export const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/u;

/** How the command line picks its workspace: `--workspace` (id or name), or `--profile` with `--region`, or the current one. */
export interface WorkspaceChoice {
  readonly workspace?: string | undefined;
  readonly profile?: string | undefined;
  readonly region?: string | undefined;
}

/**
 * Checks the workspace options before anything starts.
 * @throws AppError `input.invalid` for `--workspace` together with `--profile` / `--region`, or
 *   `--profile` without a valid `--region` (and the reverse).
 */
export function checkWorkspaceChoice(choice: WorkspaceChoice, usage: string): void {
  if (
    choice.workspace !== undefined &&
    (choice.profile !== undefined || choice.region !== undefined)
  ) {
    throw new AppError(
      'input.invalid',
      `Give either --workspace or --profile with --region, not both: ${usage}`,
    );
  }
  if (choice.profile === undefined && choice.region === undefined) return;
  if (choice.profile === undefined || choice.profile === '')
    throw new AppError(
      'input.invalid',
      `--region needs --profile (a profile of your AWS config): ${usage}`,
    );
  if (choice.region === undefined || !REGION.test(choice.region))
    throw new AppError('input.invalid', `--profile needs --region, e.g. eu-west-1: ${usage}`);
}

/**
 * The workspace a command runs on: the command line's workspace named or with id `--workspace`,
 * the one of `--profile` and `--region` (created on first use, see `workspaceForProfile`), else
 * the current one (the Local sandbox on first start).
 * @throws AppError `input.invalid` for `--workspace` together with `--profile`, `--profile`
 *   without a valid `--region`, or no workspace of that id or name.
 */
export async function chooseWorkspace(
  studio: StudioCore,
  choice: WorkspaceChoice,
  usage: string,
): Promise<Workspace> {
  checkWorkspaceChoice(choice, usage);
  if (choice.workspace !== undefined) {
    const found = studio.workspaces
      .list()
      .find(
        (workspace) => workspace.id === choice.workspace || workspace.name === choice.workspace,
      );
    if (found === undefined)
      throw new AppError(
        'input.invalid',
        `No workspace with id or name ${choice.workspace}: ${usage}`,
      );
    return found;
  }
  if (choice.profile !== undefined && choice.region !== undefined)
    return workspaceForProfile(studio, 'CLI', choice.profile, choice.region);
  return studio.workspaces.get(studio.workspaces.currentId).config;
}

/**
 * Runs one command as a script over the app's handlers (the one composition): creates the
 * studio on the command line's data folder, cancels its jobs on Ctrl+C (SIGINT), and always
 * disposes it.
 * @returns what `work` resolves with.
 */
export async function withCliStudio<T>(
  env: NodeJS.ProcessEnv | undefined,
  work: (studio: StudioCore) => Promise<T>,
): Promise<T> {
  const studio = await createStudioApp({
    userDataDir: cliDataDir(env),
    ...(env === undefined ? {} : { env }),
  });
  const onSignal = (): void => {
    for (const job of studio.jobs.list()) void studio.jobs.cancel(job.id);
  };
  process.once('SIGINT', onSignal);
  try {
    return await work(studio);
  } finally {
    process.off('SIGINT', onSignal);
    await studio.dispose();
  }
}
