import { mount } from 'svelte';
import App from './ui/App.svelte';
import { takeLaunchIntent } from './ui/launch';
import { setLanguage } from './ui/i18n/i18n';
import { pickLanguage } from './ui/i18n/languages';
import { loadPreferences } from './platform/preferences';
import './ui/app.css';

// First, before any rendering: take (and erase) what the URL fragment carries.
const launch = takeLaunchIntent(window.location, window.history);

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

// The language chosen in Settings, else the browser's. A language other than English loads
// its first words before the first render, so no English flashes first (English if that fails).
const language = pickLanguage(navigator.languages ?? [navigator.language], loadPreferences().language);
void setLanguage(language)
  .catch(() => setLanguage('en'))
  .finally(() => mount(App, { target, props: { launch } }));
