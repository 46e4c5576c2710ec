/** Groups a code for reading aloud and typing: 6 → "123 456", 7 → "1234 567", 8 → "1234 5678". */
export function groupDigits(code: string): string {
  const head = code.length <= 6 ? 3 : 4;
  return `${code.slice(0, head)} ${code.slice(head)}`.trim();
}
