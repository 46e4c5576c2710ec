// Imported by the screens seen now and then: puts their words into the catalogue before they render.
import { enExtra } from './en-extra';
import { addMessages } from './i18n';

addMessages(enExtra);
