// Imported by the screens seen now and then: puts their words into the catalogue before they
// render. English is in this chunk; another active language's extra part is fetched now (the
// screen loaders in App.svelte wait for it with withExtra, so no English flashes first).
import { enExtra } from './en-extra';
import { addMessages, loadMessages } from './i18n';

addMessages('en', enExtra);
void loadMessages('extra').catch(() => {});
