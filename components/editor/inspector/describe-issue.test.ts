import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { variableNameSchema } from '@/lib/flow/graph-schema';
import { describeIssue } from './describe-issue';

const messages = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error!.issues.map(describeIssue);

describe('describeIssue', () => {
  it('says what to do for numbers', () => {
    expect(messages(z.number().int().min(0).max(10), 11)).toEqual(['Use 10 or less.']);
    expect(messages(z.number().int().min(0).max(10), -1)).toEqual(['Use 0 or more.']);
    expect(messages(z.number().int(), 1.5)).toEqual(['Use a whole number.']);
    expect(messages(z.number(), 'x')).toEqual(['Enter a number.']);
  });

  it('says what to do for text, lists and choices', () => {
    expect(messages(z.string().min(1), '')).toEqual(['This cannot be empty.']);
    expect(messages(z.string().max(3), 'abcd')).toEqual(['Keep it to 3 characters or fewer.']);
    expect(messages(z.array(z.string()).max(1), ['a', 'b'])).toEqual(['That is more than the 1 allowed: remove some.']);
    expect(messages(z.enum(['a']), 'b')).toEqual(['Pick one of the options.']);
    expect(messages(z.string(), undefined)).toEqual(['This is required.']);
  });

  it("keeps the schema's own messages", () => {
    expect(messages(variableNameSchema, 'first name')).toEqual(['Use letters, digits and underscores, starting with a letter']);
    expect(messages(variableNameSchema, 'now')).toEqual(['That name is reserved for a system variable']);
  });
});
