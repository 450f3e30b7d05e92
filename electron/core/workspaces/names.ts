import { randomBytes } from 'node:crypto';

/**
 * Lower-case slug for S3 and Personalize names: letters, digits, single hyphens, ≤ `maxLength`.
 * Accented letters lose their accents (`Ünïcode` → `unicode`) rather than splitting the word.
 */
export function slugify(text: string, maxLength = 20): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, maxLength)
    .replace(/-+$/gu, '');
  return slug.length > 0 ? slug : 'poc';
}

/**
 * A fresh resource-name prefix for a workspace: `<slug of its name, ≤ 16>-<4 random hex>`, e.g.
 * `acme-retail-3f9a` — unique enough that two POCs in one account never clash, and valid both
 * as a Personalize name start (SPEC §2.1) and inside an S3 bucket name.
 */
export function defaultPrefix(
  workspaceName: string,
  random: () => string = () => randomBytes(2).toString('hex'),
): string {
  return `${slugify(workspaceName, 16)}-${random()}`;
}

/**
 * The workspace's bucket: `poc-studio-<prefix>-<6 random hex>` (S3 names are global: 3..63
 * lower-case characters).
 */
export function defaultBucketName(
  prefix: string,
  random: () => string = () => randomBytes(3).toString('hex'),
): string {
  return `poc-studio-${prefix}-${random()}`.slice(0, 63).replace(/-+$/u, '');
}

/** The IAM role Personalize assumes for the workspace: `PersonalizePocStudio-<prefix>` (≤ 64 characters). */
export function defaultRoleName(prefix: string): string {
  return `PersonalizePocStudio-${prefix}`.slice(0, 64);
}

/** Short form of a recipe for names: `aws-user-personalization` → `user-personalization`. */
export function recipeShortName(recipe: string): string {
  return recipe.replace(/^aws-/u, '');
}

/** Tag key the studio adds to everything a workspace creates: its workspace id. */
export const WORKSPACE_TAG_KEY = 'poc-studio:workspace';
