/**
 * Svelte actions for focus: when a screen appears, focus moves to its heading (or
 * first field) so keyboard and screen-reader users land where the new content is.
 */
export function focusOnMount(node: HTMLElement): void {
  // After the current render, so the element is in the document.
  queueMicrotask(() => node.focus());
}

/** Opens a <dialog> as modal while mounted (focus trap, Escape, inert page behind it). */
export function modal(node: HTMLDialogElement): { destroy(): void } {
  node.showModal();
  return {
    destroy() {
      if (node.open) node.close();
    },
  };
}
