import { readSecretValue } from '../../secrets/secrets';
import { sendTestRequest } from '../../tools/send-test-request';
import { testRequestInput, testRequestOutput } from '../../tools/send-test-request.types';
import { router, workspaceProcedure } from '../trpc';

export const toolRouter = router({
  /** "Send test request" in the HTTP tool inspector: one request through the runtime's guarded fetch. */
  testRequest: workspaceProcedure('bots:edit')
    .input(testRequestInput)
    .output(testRequestOutput)
    .mutation(({ ctx, input }) =>
      sendTestRequest(input, {
        safeFetch: ctx.toolFetch,
        readSecret: (name) => readSecretValue(ctx.prisma, ctx.secretsKey, ctx.access.workspaceId, name),
      }),
    ),
});
