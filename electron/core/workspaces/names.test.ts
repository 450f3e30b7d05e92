import { describe, expect, it } from 'vitest';
import { defaultBucketName, defaultPrefix, defaultRoleName, slugify } from './names.js';
import { ResourcePrefixSchema } from '../../../shared/ipc/workspaces.js';

describe('resource names of a workspace', () => {
  it('keeps accented words whole in the prefix: "Retail — Ünïcode & <b>bold</b>"', () => {
    const prefix = defaultPrefix('Retail — Ünïcode & <b>bold</b>', () => 'f91e');
    expect(prefix).toBe('retail-unicode-b-f91e');
    expect(ResourcePrefixSchema.safeParse(prefix).success).toBe(true);
  });

  it('slugs names into letters, digits and single hyphens within the length', () => {
    expect(slugify('Crème Brûlée Café', 20)).toBe('creme-brulee-cafe');
    expect(slugify('ﬁnance Ⅻ', 20)).toBe('finance-xii');
    expect(slugify('—', 20)).toBe('poc');
    expect(slugify('Acme Retail Europe 2026', 16)).toBe('acme-retail-euro');
  });

  it('derives the bucket and role from the prefix within their limits', () => {
    expect(defaultBucketName('acme-retail-3f9a', () => 'abcdef')).toBe(
      'poc-studio-acme-retail-3f9a-abcdef',
    );
    expect(defaultRoleName('acme-retail-3f9a')).toBe('PersonalizePocStudio-acme-retail-3f9a');
    expect(defaultBucketName('x'.repeat(60), () => 'abcdef').length).toBeLessThanOrEqual(63);
  });
});
