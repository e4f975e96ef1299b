import * as chrono from 'chrono-node';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import type { NodeOfType } from '../graph-schema';
import type { IntentClassifier, JsonValue } from '../runtime-types';
import { checkSafeRegex, safeRegexTest } from '../safe-regex';

export type ParsedAnswer = { ok: true; value: JsonValue } | { ok: false; reason: string };

const emailSchema = z.email();

/**
 * Reads the value a capture node asked for out of the visitor's reply: a number out of
 * "about 42", an email out of "it's ada@example.com", a date out of "next Friday".
 */
export function parseAnswer(
  data: NodeOfType<'capture'>['data'],
  reply: string,
  context: { now: string; classifier: IntentClassifier },
): ParsedAnswer {
  const text = reply.trim();
  if (!text) return { ok: false, reason: 'empty answer' };
  switch (data.expects) {
    case 'text':
      return checkPattern(data.pattern, text);
    case 'number':
      return parseNumber(text, data.min, data.max);
    case 'email': {
      const candidate = text.match(/[^\s<>"'(),;]+@[^\s<>"'(),;]+\.[^\s<>"'(),;]+/)?.[0]?.replace(/[.]+$/, '');
      return candidate && emailSchema.safeParse(candidate).success
        ? { ok: true, value: candidate.toLowerCase() }
        : { ok: false, reason: 'no email address found' };
    }
    case 'phone': {
      // Numbers written without a country code are read as international ("44 20…").
      const phone = parsePhoneNumberFromString(text) ?? parsePhoneNumberFromString(`+${text.replace(/\D/g, '')}`);
      if (!phone?.isPossible()) return { ok: false, reason: 'no phone number found' };
      // The designer's pattern sees the normalised number (+442079460958), however it was typed.
      return checkPattern(data.pattern, phone.number);
    }
    case 'date': {
      // An explicit time zone: otherwise chrono reads the server's, and the same turn would
      // capture different instants on different machines.
      const date = chrono.parseDate(text, { instant: new Date(context.now), timezone: 'UTC' }, { forwardDate: true });
      return date ? { ok: true, value: date.toISOString() } : { ok: false, reason: 'no date found' };
    }
    case 'choice': {
      const lowered = text.toLowerCase();
      const replyWords = ` ${wordsOf(text)} `;
      // A choice inside a longer reply counts as whole words only: "I don't know" is not "no".
      const choice =
        data.choices.find((c) => c.toLowerCase() === lowered) ??
        data.choices.find((c) => (wordsOf(c) ? replyWords.includes(` ${wordsOf(c)} `) : lowered.includes(c.toLowerCase())));
      return choice ? { ok: true, value: choice } : { ok: false, reason: 'not one of the choices' };
    }
    case 'entity': {
      const value = data.entity ? context.classifier.extractEntity?.(data.entity, text) : null;
      return value ? { ok: true, value } : { ok: false, reason: `no ${data.entity ?? 'entity'} found` };
    }
  }
}

function parseNumber(text: string, min?: number, max?: number): ParsedAnswer {
  const match = text.replace(/(\d),(?=\d{3}\b)/g, '$1').match(/-?\d+(?:\.\d+)?/);
  if (!match) return { ok: false, reason: 'no number found' };
  const value = Number(match[0]);
  if (min !== undefined && value < min) return { ok: false, reason: `below the minimum of ${min}` };
  if (max !== undefined && value > max) return { ok: false, reason: `above the maximum of ${max}` };
  return { ok: true, value };
}

function checkPattern(pattern: string | undefined, text: string): ParsedAnswer {
  if (!pattern) return { ok: true, value: text };
  if (checkSafeRegex(pattern)) return { ok: false, reason: 'the validation pattern is invalid' };
  if (text.length > 1000) return { ok: false, reason: 'answer too long' };
  return safeRegexTest(pattern, text) ? { ok: true, value: text } : { ok: false, reason: 'does not match the expected format' };
}

/** Lower-case words separated by single spaces: "Large (XL)!" → "large xl". */
function wordsOf(text: string): string {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(' ');
}
