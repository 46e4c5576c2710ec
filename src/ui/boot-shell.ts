/**
 * Taking over the unlock form or welcome screen that index.html painted before any script ran
 * (issue 16; boot-shell.config.ts prerenders them, src/boot/boot.js shows one; docs/architecture.md
 * "Boot path"). The Unlock screen adopts what the person did there (the typed value, focus,
 * selection, an Enter already pressed), the Welcome screen where the focus was and a Start already
 * pressed; then every prerendered copy is removed. Any other first screen just removes them.
 * Nothing typed is kept here: the value goes straight into the screen's own field.
 */

/** What the prerendered field held when the app took over. */
export interface BootField {
  value: string;
  focused: boolean;
  selectionStart: number | null;
  selectionEnd: number | null;
  selectionDirection: 'forward' | 'backward' | 'none' | null;
  /** Enter (or the button) was pressed before the app was ready. */
  submitted: boolean;
}

function shells(doc: Document): HTMLElement[] {
  return [...doc.querySelectorAll<HTMLElement>('.boot-shell')];
}

/** Removes every prerendered copy (the app drew another screen, or took the field over). */
export function dropBootShell(doc: Document = document): void {
  for (const shell of shells(doc)) shell.remove();
}

/** The shown prerendered field's state, and removes the prerendered markup; null if none was shown. */
export function takeBootField(doc: Document = document): BootField | null {
  const shown = shells(doc).find((shell) => !shell.hidden);
  const input = shown?.querySelector('input');
  const form = shown?.querySelector('form');
  const field: BootField | null =
    input && form
      ? {
          value: input.value,
          focused: doc.activeElement === input,
          selectionStart: input.selectionStart,
          selectionEnd: input.selectionEnd,
          selectionDirection: input.selectionDirection,
          submitted: form.hasAttribute('data-submitted'),
        }
      : null;
  if (input) input.value = '';
  dropBootShell(doc);
  return field;
}

/** Gives the screen's own field what the prerendered one held (its value must already be set). */
export function restoreBootField(input: HTMLInputElement, field: BootField): void {
  if (!field.focused) return;
  input.focus();
  if (field.selectionStart !== null && field.selectionEnd !== null) {
    input.setSelectionRange(field.selectionStart, field.selectionEnd, field.selectionDirection ?? undefined);
  }
}

/** What the prerendered welcome screen saw before the app took over. */
export interface BootWelcome {
  /** Start was pressed (the app goes on to the next screen). */
  started: boolean;
  /** Start had the focus (the app's own Start takes it, not the heading). */
  startFocused: boolean;
}

/** The shown prerendered welcome screen's state, and removes the prerendered markup; null if none was shown. */
export function takeBootWelcome(doc: Document = document): BootWelcome | null {
  const shown = shells(doc).find((shell) => !shell.hidden && shell.classList.contains('boot-welcome'));
  const start = shown?.querySelector('button');
  const welcome = start
    ? { started: start.hasAttribute('data-started'), startFocused: doc.activeElement === start }
    : null;
  dropBootShell(doc);
  return welcome;
}
