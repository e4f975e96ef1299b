import type { Metadata } from 'next';
import { OpenWidgetButton } from '@/components/widget/OpenWidgetButton';

export const metadata: Metadata = { title: 'Widget demo' };

/**
 * A pretend shop page with the chat widget installed exactly as a customer would: one script tag
 * naming the seeded demo bot. Open it after `npm start` to talk to the demo bot.
 */
export default function WidgetDemoPage() {
  return (
    <main className="mx-auto max-w-2xl px-6 py-12">
      <p className="text-sm font-medium text-muted-foreground">Flowboard widget demo</p>
      <h1 className="mt-1 text-3xl font-bold">Acme Outdoor Gear</h1>
      <p className="mt-4 text-base leading-relaxed">
        This page stands for any website. It loads the chat widget with one tag, and the bubble in the corner talks to the published demo bot
        (public id <code className="rounded bg-muted px-1">demo</code>): ask where your order is, for the opening hours, or for a person.
      </p>
      <pre className="mt-6 overflow-x-auto rounded-md bg-muted p-4 text-sm">
        <code>{'<script src="/widget.js" data-bot="demo" async></script>'}</code>
      </pre>
      <p className="mt-6 text-base">
        Pages can also drive it with <code className="rounded bg-muted px-1">window.Flowboard</code>:
      </p>
      <OpenWidgetButton />
      <script src="/widget.js" data-bot="demo" async />
    </main>
  );
}
