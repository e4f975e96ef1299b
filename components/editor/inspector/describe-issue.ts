import type { z } from 'zod';

/**
 * A validation problem as a support lead would want to read it: what to do, not what zod
 * expected. Messages the schema wrote itself (name rules, reserved names) are kept as they are.
 * @example describeIssue({ code: 'too_big', origin: 'string', maximum: 80, … }) // 'Keep it to 80 characters or fewer.'
 */
export function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'number') return 'Enter a number.';
      if (issue.expected === 'int') return 'Use a whole number.';
      return 'This is required.';
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'This cannot be empty.' : `Use at least ${issue.minimum} characters.`;
      if (issue.origin === 'array') return `Add at least ${issue.minimum}.`;
      return `Use ${issue.minimum} or more.`;
    case 'too_big':
      if (issue.origin === 'string') return `Keep it to ${issue.maximum} characters or fewer.`;
      if (issue.origin === 'array') return `That is more than the ${issue.maximum} allowed: remove some.`;
      return `Use ${issue.maximum} or less.`;
    case 'invalid_value':
      return 'Pick one of the options.';
    default:
      return issue.message;
  }
}
