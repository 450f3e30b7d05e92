import os from 'node:os';
import path from 'node:path';
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
