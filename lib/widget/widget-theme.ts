import { z } from 'zod';

const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #2563eb');
/** Only https (or http for local testing) images; never `javascript:` or `data:` URLs. */
const imageUrl = z
  .string()
  .max(500)
  .refine((value) => {
    try {
      return ['https:', 'http:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, 'Use an http(s) address');

/**
 * How the chat widget looks, stored on the bot (`Bot.widgetTheme`) and sent to the widget when it
 * connects, so a change shows on every website without publishing the bot again.
 */
export const widgetThemeSchema = z.strictObject({
  title: z.string().trim().min(1).max(60).default('Chat with us'),
  accentColour: hexColour.default('#2563eb'),
  accentTextColour: hexColour.default('#ffffff'),
  avatarUrl: z.union([imageUrl, z.literal('')]).default(''),
  greeting: z.string().trim().max(300).default(''),
  launcherText: z.string().trim().max(40).default(''),
  position: z.enum(['right', 'left']).default('right'),
  rating: z.enum(['thumbs', 'stars']).default('thumbs'),
});
export type WidgetTheme = z.infer<typeof widgetThemeSchema>;

/** The theme stored on a bot, with defaults for anything missing or no longer valid. */
export function readWidgetTheme(stored: unknown): WidgetTheme {
  const parsed = widgetThemeSchema.safeParse(stored ?? {});
  if (parsed.success) return parsed.data;
  // Keep the valid fields of an older or partly broken value.
  const defaults = widgetThemeSchema.parse({});
  const fields = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const kept = Object.fromEntries(
    Object.entries(widgetThemeSchema.shape).flatMap(([key, field]) => {
      const value = field.safeParse(fields[key]);
      return value.success ? [[key, value.data]] : [];
    }),
  );
  return { ...defaults, ...kept };
}

/** Allowed origins as the bot's settings take them: `scheme://host[:port]`, no path. */
export const allowedOriginSchema = z
  .string()
  .trim()
  .max(200)
  .refine((value) => {
    try {
      const url = new URL(value);
      return ['https:', 'http:'].includes(url.protocol) && url.origin === value.replace(/\/$/, '');
    } catch {
      return false;
    }
  }, 'Use an origin like https://www.example.com (no path)')
  .transform((value) => new URL(value).origin);

/** The script tag a website owner pastes into their pages. */
export function widgetEmbedSnippet(appUrl: string, publicId: string): string {
  return `<script src="${new URL('/widget.js', appUrl).href}" data-bot="${publicId}" async></script>`;
}
