import { findDates } from '../../nlu/entities/find-dates';
import { findEmails } from '../../nlu/entities/find-emails';
import { findNumbers } from '../../nlu/entities/find-numbers';
import { findPhoneNumbers } from '../../nlu/entities/find-phone-numbers';
import { findUrls } from '../../nlu/entities/find-urls';
import { findYesNo } from '../../nlu/entities/find-yes-no';
import type { NodeOfType } from '../graph-schema';
import type { IntentClassifier, JsonValue } from '../runtime-types';
import { checkSafeRegex, safeRegexTest } from '../safe-regex';

export type ParsedAnswer = { ok: true; value: JsonValue } | { ok: false; reason: string };

/**
 * Reads the value a capture node asked for out of the visitor's reply: a number out of
 * "about 42", an email out of "it's ada@example.com", a date out of "next Friday", true out of
 * "yes please". The first one found counts.
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
      const email = findEmails(text)[0];
      return email ? { ok: true, value: email.value } : { ok: false, reason: 'no email address found' };
    }
    case 'phone': {
      const phone = findPhoneNumbers(text)[0];
      if (!phone) return { ok: false, reason: 'no phone number found' };
      // The designer's pattern sees the normalised number (+442079460958), however it was typed.
      return checkPattern(data.pattern, phone.value);
    }
    case 'url': {
      const url = findUrls(text)[0];
      return url ? { ok: true, value: url.value } : { ok: false, reason: 'no web address found' };
    }
    case 'date': {
      const date = findDates(text, context)[0];
      return date ? { ok: true, value: date.value } : { ok: false, reason: 'no date found' };
    }
    case 'yesNo':
      return parseYesNo(text);
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
  const number = findNumbers(text)[0];
  if (!number) return { ok: false, reason: 'no number found' };
  const value = number.value;
  if (min !== undefined && value < min) return { ok: false, reason: `below the minimum of ${min}` };
  if (max !== undefined && value > max) return { ok: false, reason: `above the maximum of ${max}` };
  return { ok: true, value };
}

function parseYesNo(text: string): ParsedAnswer {
  const answers = new Set(findYesNo(text).map((match) => match.value));
  if (answers.size === 0) return { ok: false, reason: 'no yes or no found' };
  // "Yes… no, wait": asking again beats guessing which one they meant.
  if (answers.size > 1) return { ok: false, reason: 'both yes and no' };
  return { ok: true, value: answers.has(true) };
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
