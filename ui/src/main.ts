// Entry point of Keel's window: asks for the home screen's data first, then loads the Svelte app (src/start.ts) while Keel answers.
import { askFirstScreen } from './lib/firstScreen';
import './app.css';

const first = askFirstScreen();
void import('./start').then(({ start }) => start(first));
