import { parseEnv } from './config/env';
import { createLogger } from './config/logger';
import { demoLoginBanner, startServer } from './start-server';

// The app's one process: parse settings, start, and stop cleanly on SIGTERM/SIGINT.
let env;
try {
  env = parseEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const logger = createLogger(env.LOG_LEVEL);

try {
  const server = await startServer(env, logger);
  console.log(demoLoginBanner(server.url, server.seededDemo));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    await server.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
} catch (error) {
  logger.fatal({ err: error }, 'Flowboard could not start');
  console.error(`\nFlowboard could not start: ${(error as Error).message}\n`);
  process.exit(1);
}
