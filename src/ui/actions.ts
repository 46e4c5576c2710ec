/**
 * Svelte actions for focus: when a screen appears, focus moves to its heading (or
 * first field) so keyboard and screen-reader users land where the new content is.
 */
export function focusOnMount(node: HTMLElement): void {
  // After the current render, so the element is in the document.
  queueMicrotask(() => node.focus());
}

/**
 * Opens a <dialog> as modal while mounted (focus trap, Escape, inert page behind it). When it
 * goes, focus returns to the control that opened it, or, if that control went too (a deleted
 * slot), to the screen's heading, never to the top of the page.
 */
export function modal(node: HTMLDialogElement): { destroy(): void } {
  const opener = document.activeElement;
  node.showModal();
  return {
    destroy() {
      if (node.open) node.close();
      // After the render that removes the dialog (and perhaps the opener).
      queueMicrotask(() => {
        const active = document.activeElement;
        if (active && active !== document.body && !node.contains(active)) return; // already placed
        const back =
          opener instanceof HTMLElement && opener.isConnected ? opener : document.querySelector<HTMLElement>('main h1');
        back?.focus();
      });
    },
  };
}
