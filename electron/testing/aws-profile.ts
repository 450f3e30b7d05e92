import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Static keys of a test profile (the sandbox accepts any non-empty pair). */
export interface ProfileKeys {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** What {@link writeAwsProfile} writes: one named profile whose configured endpoint is `endpoint`. */
export interface AwsProfileOptions {
  /** Folder that receives `config`, `credentials` and `home/`. */
  readonly directory: string;
  readonly profile: string;
  readonly region: string;
  /** `endpoint_url` of the profile, e.g. a sandbox's `http://127.0.0.1:PORT`. */
  readonly endpoint: string;
  readonly keys: ProfileKeys;
}

/**
 * An environment like a consultant's laptop, with nothing of the test machine's (for tests that
 * start the CLI or the host): writes `<directory>/config` (`[profile P]` with `region` and
 * `endpoint_url`) and `<directory>/credentials` (the profile's static keys), creates
 * `<directory>/home`, and returns the test process's environment without any `AWS_*` variable,
 * with `HOME` / `USERPROFILE` on that home, `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE`
 * on those files and no instance metadata (`AWS_EC2_METADATA_DISABLED`, ACCOUNTS.md §5.7).
 */
export async function writeAwsProfile(options: AwsProfileOptions): Promise<NodeJS.ProcessEnv> {
  const { directory, profile, region, endpoint, keys } = options;
  const config = path.join(directory, 'config');
  const credentials = path.join(directory, 'credentials');
  const home = path.join(directory, 'home');
  await mkdir(home, { recursive: true });
  await writeFile(config, `[profile ${profile}]\nregion = ${region}\nendpoint_url = ${endpoint}\n`);
  await writeFile(
    credentials,
    `[${profile}]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n`,
  );
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')),
  );
  return {
    ...inherited,
    HOME: home,
    USERPROFILE: home,
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}
