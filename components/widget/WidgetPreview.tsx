import { MessageSquare, X } from 'lucide-react';
import type { WidgetTheme } from '@/lib/widget/widget-theme';

/** A still picture of the widget with the theme being edited (not connected to the bot). */
export function WidgetPreview({ theme }: { theme: WidgetTheme }) {
  const accent = { background: theme.accentColour, color: theme.accentTextColour };
  return (
    <figure className="grid gap-3" aria-label="Widget preview">
      <div className="overflow-hidden rounded-2xl border bg-white text-[15px] text-gray-900 shadow-lg">
        <div className="flex items-center gap-2.5 px-3.5 py-3" style={accent}>
          {theme.avatarUrl && <img src={theme.avatarUrl} alt="" className="size-9 rounded-full bg-white object-cover" />}
          <p className="flex-1 truncate font-semibold">{theme.title}</p>
          <X aria-hidden className="size-5" />
        </div>
        <div className="grid gap-2.5 bg-gray-50 p-3.5">
          {theme.greeting && <p className="text-center text-sm text-gray-700">{theme.greeting}</p>}
          <p className="max-w-[85%] rounded-2xl border bg-white px-3 py-2">Hi! How can I help you today?</p>
          <p className="max-w-[85%] justify-self-end rounded-2xl px-3 py-2" style={accent}>
            Where is my order?
          </p>
        </div>
        <div className="border-t px-3 py-2.5 text-sm text-gray-500">Type a message…</div>
      </div>
      <div className={`flex ${theme.position === 'left' ? 'justify-start' : 'justify-end'}`}>
        <span className="flex min-h-14 min-w-14 items-center justify-center gap-2 rounded-full px-4 shadow-lg" style={accent}>
          <MessageSquare aria-hidden className="size-6" />
          {theme.launcherText}
        </span>
      </div>
      <figcaption className="text-xs text-muted-foreground">Preview of the look. Test the conversation itself with “Test” in the editor.</figcaption>
    </figure>
  );
}
