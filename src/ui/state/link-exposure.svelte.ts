/**
 * Issue 14: a plain activation link (`#add=otpauth://…?secret=…`) opened in the browser has
 * left its secret in the browser's own files (History, Top Sites, Sessions…) before any script
 * ran; Keyslot cannot reach them. What it can do is say so once the link has been read, and
 * show how to delete it from the history, until the person says they did. In memory only.
 * Sealed links (`#add=ks1.…`) and anything pasted, scanned or shared never trigger it.
 */
import type { Activation } from '../../core/activation';

export class LinkExposure {
  /** True while the warning should show. */
  exposed = $state(false);

  /**
   * An activation was read. It exposed its secret when it came in through the address bar
   * (an activation link opened in the browser) and was not sealed.
   */
  arrived(activation: Activation, viaAddressBar: boolean): void {
    if (viaAddressBar && activation.kind !== 'sealed') this.exposed = true;
  }

  /** "I have deleted it". */
  dismiss(): void {
    this.exposed = false;
  }
}
