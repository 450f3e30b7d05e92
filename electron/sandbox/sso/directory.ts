/**
 * The sandbox's fixed IAM Identity Center directory: one user, two accounts, two roles each.
 */

/** An account of the SSO directory (ListAccounts' `AccountInfo`). */
export interface SsoAccount {
  readonly accountId: string;
  readonly accountName: string;
  readonly emailAddress: string;
  /** Permission sets the user may use in this account. */
  readonly roleNames: readonly string[];
}

/** The signed-in user's name: the session name of SSO role credentials. */
export const SSO_USER_NAME = 'sandbox-user';

/**
 * The accounts of the directory: `123456789012` "Sandbox" (the sandbox's default account)
 * and `210987654321` "Another customer", each with the roles `PersonalizePoc` and `ReadOnly`.
 */
export const SSO_ACCOUNTS: readonly SsoAccount[] = [
  {
    accountId: '123456789012',
    accountName: 'Sandbox',
    emailAddress: 'sandbox@example.com',
    roleNames: ['PersonalizePoc', 'ReadOnly'],
  },
  {
    accountId: '210987654321',
    accountName: 'Another customer',
    emailAddress: 'another-customer@example.com',
    roleNames: ['PersonalizePoc', 'ReadOnly'],
  },
];
