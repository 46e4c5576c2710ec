/** Groups a code for reading aloud and typing: 6 → "123 456", 7 → "1234 567", 8 → "1234 5678". */
export function groupDigits(code: string): string {
  const head = code.length <= 6 ? 3 : 4;
  return `${code.slice(0, head)} ${code.slice(head)}`.trim();
}

/**
 * A code's name for screen readers: one digit at a time ("4 5 2 9 1 7"), since read as
 * written ("452 917") it comes out as two numbers ("four hundred fifty-two thousand…").
 */
export function spellDigits(code: string): string {
  return [...code].join(' ');
}
