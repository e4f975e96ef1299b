import { getAuth } from '@/server/auth/get-auth';

// better-auth's handler, created on first request (never at module scope: see stack notes).
export const GET = (request: Request) => getAuth().handler(request);
export const POST = (request: Request) => getAuth().handler(request);
