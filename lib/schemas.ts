import { z } from 'zod';
import { ROLES } from './permissions';

/** Input and field schemas shared by the browser forms and the server's procedures. */
export const idSchema = z.string().min(1).max(64);
export const roleSchema = z.enum(ROLES);
export const workspaceNameSchema = z.string().trim().min(1, 'Give the workspace a name').max(80, 'Keep it under 80 characters');
export const botNameSchema = z.string().trim().min(1, 'Give the bot a name').max(80, 'Keep it under 80 characters');
export const botDescriptionSchema = z.string().trim().max(500, 'Keep it under 500 characters');
export const secretNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'Use capitals, digits and underscores, starting with a letter (e.g. OPENAI_API_KEY)');

/** Every workspace-scoped input carries the workspace it acts on. */
export const workspaceInput = z.strictObject({ workspaceId: idSchema });
