import type { Metadata } from 'next';
import { OpenWidgetButton } from '@/components/widget/OpenWidgetButton';

export const metadata: Metadata = { title: 'Widget demo' };

/**
 * A pretend shop page with the chat widget installed exactly as a customer would: one script tag
 * naming the seeded demo bot. Open it after `npm start` to talk to the demo bot.
 */
export default function WidgetDemoPage() {
  return (
    <main className="mx-auto max-w-2xl px-4 py-12 sm:px-6">
      <p className="text-sm font-medium text-muted-foreground">Flowboard widget demo</p>
      <h1 className="mt-1 text-3xl font-bold">Acme Outdoor Gear</h1>
      <p className="mt-4 text-base leading-relaxed">
        This page stands for any website. It loads the chat widget with one tag, and the bubble in the corner talks to the published demo bot
        (public id <code className="rounded bg-muted px-1">demo</code>): ask where your order is, for the opening hours, or for a person.
      </p>
      <pre className="mt-6 max-w-full overflow-x-auto rounded-md bg-muted p-4 text-sm">
        <code>{'<script src="/widget.js" data-bot="demo" async></script>'}</code>
      </pre>
      <p className="mt-6 text-base">
        Pages can also drive it with <code className="break-all rounded bg-muted px-1">window.Flowboard.open()</code>, <code className="rounded bg-muted px-1">close()</code>,{' '}
        <code className="rounded bg-muted px-1">sendMessage(text)</code> and <code className="rounded bg-muted px-1">on(&apos;message&apos;, …)</code>:
      </p>
      <OpenWidgetButton />
      <script src="/widget.js" data-bot="demo" async />
    </main>
  );
}
