import { describe, expect, it } from 'vitest';
import { suggestVariableName, toJsonataPath } from './json-path';

describe('toJsonataPath', () => {
  it('joins names with dots and indexes array items', () => {
    expect(toJsonataPath(['body', 'data', 'order', 'status'])).toBe('body.data.order.status');
    expect(toJsonataPath(['body', 'items', 0, 'price'])).toBe('body.items[0].price');
    expect(toJsonataPath(['body', 0])).toBe('body[0]');
  });

  it('quotes names JSONata would misread', () => {
    expect(toJsonataPath(['headers', 'x-request-id'])).toBe('headers.`x-request-id`');
    expect(toJsonataPath(['body', 'first name', '2nd'])).toBe('body.`first name`.`2nd`');
  });
});

describe('suggestVariableName', () => {
  it('uses the field name in camelCase', () => {
    expect(suggestVariableName(['body', 'data', 'order', 'status'])).toBe('status');
    expect(suggestVariableName(['headers', 'x-request-id'])).toBe('xRequestId');
    expect(suggestVariableName(['body', 'delivery_date'])).toBe('deliveryDate');
  });

  it('avoids names taken or reserved, first with the parent name, then with a number', () => {
    expect(suggestVariableName(['body', 'order', 'status'], ['status'])).toBe('orderStatus');
    expect(suggestVariableName(['body', 'order', 'status'], ['status', 'orderStatus'])).toBe('orderStatus2');
    expect(suggestVariableName(['body', 'now'])).toBe('now2');
  });

  it('makes a valid name from anything', () => {
    expect(suggestVariableName(['body', 'items', 0])).toBe('items');
    expect(suggestVariableName(['body', '2fa'])).toBe('field2fa');
    expect(suggestVariableName(['body'])).toBe('value');
  });
});
