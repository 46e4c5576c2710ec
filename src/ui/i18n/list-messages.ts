// Imported by the slot list and its parts: puts their words into the catalogue before they
// render. English is in this chunk; another active language's list part is fetched now (the
// list's loader in App.svelte waits for it with withList).
import { enList } from './en-list';
import { addMessages, loadMessages } from './i18n';

addMessages('en', enList);
void loadMessages('list').catch(() => {});
