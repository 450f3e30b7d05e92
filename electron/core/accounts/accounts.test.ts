import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { stripAwsEnvironment } from '../aws/client-factory.js';
import { checkAccount, roleNameOf } from './account-check.js';
import { assertResolvableProfile } from './profile-credentials.js';
import { awsHomeDir, configuredEndpoint, sharedFilePaths } from './profiles.js';
import { isSignInNeeded } from './sign-in-needed.js';
import { ssoCacheFile } from './sso-sign-in.js';

const identity = {
  accountId: '210987654321',
  arn: 'arn:aws:sts::210987654321:assumed-role/PersonalizePoc/studio',
  userId: 'AROAX:studio',
  roleName: 'PersonalizePoc',
};

describe('stripAwsEnvironment', () => {
  it('removes AWS_* but the shared file locations, returning the names only', () => {
    const env: NodeJS.ProcessEnv = {
      AWS_PROFILE: 'prod',
      AWS_ACCESS_KEY_ID: 'AKIA',
      AWS_ENDPOINT_URL_STS: 'http://x',
      AWS_CONFIG_FILE: '/c',
      AWS_SHARED_CREDENTIALS_FILE: '/k',
      HOME: '/h',
      PATH: '/bin',
    };
    expect(stripAwsEnvironment(env)).toEqual([
      'AWS_ACCESS_KEY_ID',
      'AWS_ENDPOINT_URL_STS',
      'AWS_PROFILE',
    ]);
    expect(env).toEqual({
      AWS_CONFIG_FILE: '/c',
      AWS_SHARED_CREDENTIALS_FILE: '/k',
      HOME: '/h',
      PATH: '/bin',
    });
    expect(stripAwsEnvironment(env)).toEqual([]);
  });
});

describe('checkAccount', () => {
  it('passes the identity of the expected account through', () => {
    expect(checkAccount('210987654321', identity, 'poc')).toBe(identity);
  });

  it('refuses another account with aws.wrongAccount naming both ids and the profile', () => {
    let caught: unknown;
    try {
      checkAccount('123456789012', identity, 'poc');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect(caught).toMatchObject({
      code: 'aws.wrongAccount',
      details: {
        expectedAccountId: '123456789012',
        actualAccountId: '210987654321',
        profile: 'poc',
      },
    });
    expect((caught as AppError).message).toBe(
      'Profile "poc" signs in to account 210987654321 (arn:aws:sts::210987654321:assumed-role/PersonalizePoc/studio), but this workspace works in account 123456789012. Nothing was changed. Pick the profile of account 123456789012 for this workspace, or correct role_arn / sso_account_id of "poc" in your AWS config.',
    );
  });

  it('reads the role name of an assumed-role ARN only', () => {
    expect(
      roleNameOf(
        'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_ReadOnly_0123456789abcdef/sandbox-user',
      ),
    ).toBe('AWSReservedSSO_ReadOnly_0123456789abcdef');
    expect(roleNameOf('arn:aws:iam::123456789012:user/sandbox')).toBeUndefined();
  });
});

describe('isSignInNeeded', () => {
  const named = (name: string, message = 'x'): Error => Object.assign(new Error(message), { name });

  it('is true for expired or missing credentials and SSO sessions', () => {
    for (const name of [
      'CredentialsProviderError',
      'TokenProviderError',
      'ExpiredToken',
      'ExpiredTokenException',
      'InvalidGrantException',
    ])
      expect(isSignInNeeded(named(name)), name).toBe(true);
    expect(
      isSignInNeeded(named('UnauthorizedException', 'Session token not found or invalid')),
    ).toBe(true);
    expect(
      isSignInNeeded(
        new Error(
          'The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.',
        ),
      ),
    ).toBe(true);
    expect(isSignInNeeded(new AppError('aws.signInNeeded', 'sign in'))).toBe(true);
    expect(
      isSignInNeeded(
        new AppError('aws.credentials', 'x', { details: { awsCode: 'ExpiredTokenException' } }),
      ),
    ).toBe(true);
    expect(isSignInNeeded(new Error('wrapped', { cause: named('TokenProviderError') }))).toBe(true);
  });

  it('is false for other failures', () => {
    expect(isSignInNeeded(named('AccessDenied', 'MultiFactorAuthentication failed'))).toBe(false);
    expect(
      isSignInNeeded(named('UnauthorizedException', 'Not authorized to perform this action')),
    ).toBe(false);
    expect(isSignInNeeded(new AppError('aws.credentials', 'credential_source refused'))).toBe(
      false,
    );
    expect(isSignInNeeded(named('ThrottlingException'))).toBe(false);
    expect(isSignInNeeded('text')).toBe(false);
    expect(isSignInNeeded(undefined)).toBe(false);
  });
});

describe('shared file locations', () => {
  it('finds home as the SDK does: HOME, USERPROFILE, then HOMEDRIVE + HOMEPATH', () => {
    expect(awsHomeDir({ HOME: '/home/a', USERPROFILE: 'C:\\Users\\b' })).toBe('/home/a');
    expect(awsHomeDir({ USERPROFILE: 'C:\\Users\\b' })).toBe('C:\\Users\\b');
    expect(awsHomeDir({ HOMEDRIVE: 'D:', HOMEPATH: '\\Users\\c' })).toBe('D:\\Users\\c');
  });

  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, else ~/.aws', () => {
    expect(sharedFilePaths({ HOME: '/h', AWS_CONFIG_FILE: '/etc/aws.conf' })).toEqual({
      configFilepath: '/etc/aws.conf',
      filepath: path.join('/h', '.aws', 'credentials'),
    });
  });

  it('names the SSO cache file by sha1 of the session name (or start URL) under home', () => {
    const sha1 = createHash('sha1').update('corp').digest('hex');
    expect(ssoCacheFile('corp', { HOME: '/h', AWS_CONFIG_FILE: '/elsewhere/config' })).toBe(
      path.join('/h', '.aws', 'sso', 'cache', `${sha1}.json`),
    );
  });

  it('prefers a [services] entry over endpoint_url', () => {
    const profile = {
      name: 'p',
      kind: 'static' as const,
      endpointUrl: 'http://all',
      serviceEndpointUrls: { sts: 'http://sts' },
    };
    expect(configuredEndpoint(profile, 'sts')).toBe('http://sts');
    expect(configuredEndpoint(profile, 's3')).toBe('http://all');
    expect(configuredEndpoint(undefined, 's3')).toBeUndefined();
  });
});

describe('assertResolvableProfile', () => {
  it('refuses credential_source anywhere on the source_profile chain, and missing profiles', () => {
    const profiles = {
      a: { role_arn: 'r', source_profile: 'b' },
      b: { role_arn: 'r', credential_source: 'Environment' },
      c: { aws_access_key_id: 'k' },
      d: { source_profile: 'gone' },
    };
    expect(() => assertResolvableProfile(profiles, 'c', 'the files')).not.toThrow();
    expect(() => assertResolvableProfile(profiles, 'a', 'the files')).toThrow(
      'Profile "b" uses credential_source = Environment',
    );
    expect(() => assertResolvableProfile(profiles, 'zz', 'the files')).toThrow(
      'Profile "zz" is not defined in the files.',
    );
    expect(() => assertResolvableProfile(profiles, 'd', 'the files')).toThrow(
      'names source_profile "gone"',
    );
  });
});
