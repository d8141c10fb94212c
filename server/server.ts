// The only file that listens: reads the environment, builds the app, and closes it gracefully on SIGTERM/SIGINT.
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { claimPidFile } from './features/operations/backup.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }

  // `npm run restore` refuses while this file names a live process (from before the database is opened).
  releasePidFile = claimPidFile(config);
  let app;
  try {
    app = await buildApp(config);
  } catch (err) {
    process.stderr.write(`Significant could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }

  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'closing');
    const timer = setTimeout(() => process.exit(1), 10_000).unref();
    await app.close();
    releasePidFile();
    clearTimeout(timer);
    process.exit(0);
  };
  process.on('SIGTERM', () => void close('SIGTERM'));
  process.on('SIGINT', () => void close('SIGINT'));

  await app.listen({ host: config.HOST, port: config.PORT });
  // Start-up is done: the bundle's launcher (scripts/bundle-launcher.ts) keeps V8's code cache of what it compiled.
  process.emit('significant:listening' as never);
}

let releasePidFile: () => void = () => {};

void main();
