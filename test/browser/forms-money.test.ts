/** Amounts in the forms: what operators type in euros becomes the cents the API keeps. */
import { centsOf, eurosOf } from '../../server/dashboard/src/forms/money';

test('Dutch and keypad notations of euros become cents', () => {
  expect(centsOf('1.250,50')).toBe(125050);
  expect(centsOf('€ 1.250')).toBe(125000);
  expect(centsOf('1250,5')).toBe(125050);
  expect(centsOf('1250.50')).toBe(125050);
  expect(centsOf('1.250.000')).toBe(125000000);
  expect(centsOf('0,07')).toBe(7);
  expect(centsOf('')).toBeUndefined();
});

test('what is not an amount is said to be none', () => {
  for (const text of ['12,345', '-5', 'tien', '1,2,3', '1.25.0']) {
    expect(centsOf(text)).toBeNaN();
  }
});

test('cents are shown as euros the way they are typed back', () => {
  for (const cents of [0, 7, 125050, 125000000]) {
    expect(centsOf(eurosOf(cents))).toBe(cents);
  }
  expect(eurosOf(125050)).toBe('1.250,50');
});
