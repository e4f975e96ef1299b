import { serveWidgetScript } from '@/server/widget/widget-script';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return serveWidgetScript(request);
}
