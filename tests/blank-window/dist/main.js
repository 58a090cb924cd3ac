// Calls the blank window's one command and shows what it answers.
window.__TAURI_INTERNALS__.invoke('ping').then((answer) => {
  document.getElementById('answer').textContent = answer;
});
