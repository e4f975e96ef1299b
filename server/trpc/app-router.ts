import { analyticsRouter } from './routers/analytics-router';
import { apiKeyRouter } from './routers/api-key-router';
import { botRouter } from './routers/bot-router';
import { conversationRouter } from './routers/conversation-router';
import { inboxRouter } from './routers/inbox-router';
import { memberRouter } from './routers/member-router';
import { secretRouter } from './routers/secret-router';
import { toolRouter } from './routers/tool-router';
import { workspaceRouter } from './routers/workspace-router';
import { router } from './trpc';

export const appRouter = router({
  workspace: workspaceRouter,
  member: memberRouter,
  bot: botRouter,
  conversation: conversationRouter,
  inbox: inboxRouter,
  secret: secretRouter,
  apiKey: apiKeyRouter,
  tool: toolRouter,
  analytics: analyticsRouter,
});

export type AppRouter = typeof appRouter;
