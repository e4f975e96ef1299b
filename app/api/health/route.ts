import { getAppContext } from '@/server/app-context';
import { checkHealth } from '@/server/health/check-health';

export const dynamic = 'force-dynamic';

export async function GET() {
  const { db, version, startedAt } = getAppContext();
  const report = await checkHealth(db, version, startedAt);
  return Response.json(report, { status: report.status === 'ok' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
