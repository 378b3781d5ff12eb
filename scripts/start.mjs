// `npm start`: `sorobox start` on the default store `.sorobox/`; extra arguments pass through
// (`npm start -- --ephemeral --port 9000`).
process.argv.splice(2, 0, 'start');
await import('../packages/cli/bin/sorobox.mjs');
