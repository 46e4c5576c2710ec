/**
 * Runs once before the compatibility suite: without the corpus there is nothing to
 * check, and silently passing would be worse than failing, so fail loudly.
 */
import { corpusDir, corpusExists } from './corpus';

export default function setup(): void {
  if (!corpusExists()) {
    throw new Error(
      [
        '',
        '=== Keyslot compatibility corpus NOT FOUND ===',
        `Looked in: ${corpusDir()}`,
        'The compat suite (npm run test:compat) needs the shared corpus of OTP vectors and otpauth:// cases.',
        'Put it at ../shared/corpus next to the repository, or set KEYSLOT_CORPUS=/path/to/corpus.',
        '',
      ].join('\n'),
    );
  }
}
