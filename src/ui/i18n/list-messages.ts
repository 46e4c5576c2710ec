// Imported by the slot list and its parts: puts their words into the catalogue before they render.
import { enList } from './en-list';
import { addMessages } from './i18n';

addMessages(enList);
