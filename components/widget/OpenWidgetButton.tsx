'use client';

import { Button } from '@/components/ui/Button';

/** Calls the widget's page API, as a host site would. */
export function OpenWidgetButton() {
  return (
    <Button className="mt-3" onClick={() => (window as unknown as { Flowboard?: { open(): void } }).Flowboard?.open()}>
      Open the chat
    </Button>
  );
}
