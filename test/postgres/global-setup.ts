/**
 * One private PostgreSQL cluster for the whole `npm run test:postgres` run when no
 * DEALFIT_TEST_DATABASE_URL is given (CI gives the system cluster's): every test file
 * then creates its own database on it. Starting a cluster per file would cost seconds each.
 */
import { type PrivateCluster, startPrivateCluster } from '../helpers/postgres-server.js';

let cluster: PrivateCluster | undefined;

export async function setup(): Promise<void> {
  if (process.env.DEALFIT_TEST_DATABASE_URL) return;
  cluster = await startPrivateCluster();
  process.env.DEALFIT_TEST_DATABASE_URL = cluster.url;
}

export async function teardown(): Promise<void> {
  cluster?.destroy();
}
