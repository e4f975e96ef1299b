import { getAppContext } from '@/server/app-context';
import { buildOpenApiDocument } from '@/server/api/openapi-document';

export const dynamic = 'force-dynamic';

export function GET() {
  const { version, env } = getAppContext();
  return Response.json(buildOpenApiDocument(version, env.APP_URL));
}
