import { z } from 'zod';

/** A message as every chat client (widget, test chat, inbox, API) receives it. */
export const chatMessageSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  author: z.enum(['user', 'bot', 'agent', 'system']),
  /** For agent messages and the "joined" line of a handoff: the agent's display name. */
  authorName: z.string().optional(),
  text: z.string(),
  quickReplies: z.array(z.object({ label: z.string(), payload: z.string() })).optional(),
  /** The bot streamed this text token by token before it was stored. */
  streamed: z.boolean().optional(),
  /** For streamed messages: the stream's id, so a client can replace its partial text. */
  streamId: z.string().optional(),
  clientMessageId: z.string().nullable().optional(),
  createdAt: z.string(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** Longest message a visitor may send. */
export const MAX_USER_MESSAGE_LENGTH = 2000;

export const userMessageSchema = z.strictObject({
  clientMessageId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/, 'Use letters, digits, - and _'),
  text: z.string().trim().min(1, 'Type a message').max(MAX_USER_MESSAGE_LENGTH, `Keep messages under ${MAX_USER_MESSAGE_LENGTH} characters`),
  payload: z.string().max(200).optional(),
});
export type UserMessageInput = z.infer<typeof userMessageSchema>;
