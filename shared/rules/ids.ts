import { z } from 'zod';
import { MAX_ID_LENGTH } from './limits.js';

/**
 * A USER_ID as the service accepts it: a string of 1..{@link MAX_ID_LENGTH} (256) characters.
 *
 * Source of the limit: SPEC §3.1 (GetRecommendations `userId` max 256) and §5.1. Parse failures
 * carry the messages shown to the consultant: "Enter a user id." (empty) and "A user id has at
 * most 256 characters." (too long). The schema does not trim: callers trim what was typed.
 */
export const UserIdSchema = z
  .string()
  .min(1, 'Enter a user id.')
  .max(MAX_ID_LENGTH, `A user id has at most ${MAX_ID_LENGTH} characters.`);
