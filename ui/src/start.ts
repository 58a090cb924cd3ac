// Mounts Keel's Svelte app into #app with the first screen's questions already asked (src/main.ts).
import { mount } from 'svelte';
import App from './App.svelte';
import type { FirstScreen } from './lib/firstScreen';

export function start(first: FirstScreen) {
  const target = document.getElementById('app');
  if (!target) throw new Error('index.html lacks #app');
  return mount(App, { target, props: { first } });
}
