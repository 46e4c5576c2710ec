/**
 * The slot list's sort orders: its own module so the preferences (loaded with the PIN prompt)
 * can name them without pulling the rest of organise.ts into the first load.
 */
export const SORT_ORDERS = ['manual', 'name', 'recent'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];
