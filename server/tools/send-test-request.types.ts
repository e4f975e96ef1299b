import { z } from 'zod';
import { idSchema } from '../../lib/schemas';
import { toolNodeSchema } from '../../lib/flow/graph-schema';

const toolData = toolNodeSchema.shape.data;

/** The longest a test request may take, whatever the node's own timeout says. */
export const TEST_REQUEST_MAX_TIMEOUT_MS = 15_000;
/** The longest text body (or JSON as text) a test answer carries back to the editor. */
export const TEST_RESPONSE_MAX_CHARS = 100_000;

/**
 * What the inspector sends: the tool node's request settings as they are on screen and sample
 * values for the variables its templates read. Strict: nothing else is accepted.
 */
export const testRequestInput = z.strictObject({
  workspaceId: idSchema,
  request: z.strictObject({
    method: toolData.shape.method,
    url: toolData.shape.url.min(1, 'Enter the URL to call'),
    headers: toolData.shape.headers,
    body: toolData.shape.body,
    timeoutMs: toolData.shape.timeoutMs,
    mappings: toolData.shape.mappings,
  }),
  /** Sample values by variable name, e.g. `{ orderId: "42" }`. */
  variables: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'Variable names use letters, digits and _'), z.string().max(2000)).default({}),
});
export type TestRequestInput = z.infer<typeof testRequestInput>;

const jsonValue: z.ZodType<unknown> = z.unknown();

/** A response, or why there is none; secrets used in headers are blanked out of everything. */
export const testRequestOutput = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    status: z.number(),
    latencyMs: z.number(),
    /** Safe, useful response headers only (no cookies). */
    headers: z.array(z.object({ name: z.string(), value: z.string() })),
    body: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('json'), value: jsonValue }),
      z.object({ kind: z.literal('text'), text: z.string(), truncated: z.boolean() }),
    ]),
    /** Each mapping's value on this response (null when the path finds nothing). */
    mapped: z.array(z.object({ variable: z.string(), value: jsonValue, error: z.string().optional() })),
  }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string(), latencyMs: z.number() }),
]);
export type TestRequestOutput = z.infer<typeof testRequestOutput>;
