import { mount } from 'svelte';
import App from './ui/App.svelte';
import { takeLaunchIntent } from './ui/launch';
import './ui/app.css';

// First, before any rendering: take (and erase) what the URL fragment carries.
const launch = takeLaunchIntent(window.location, window.history);

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
mount(App, { target, props: { launch } });
