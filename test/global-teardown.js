// Runs once after every tier: stops the local cluster if (and only if) a test started it, so
// `npm test` leaves no process, port or data behind. Plain JS because jest loads it untransformed.
module.exports = async function globalTeardown() {
  require('tsx/cjs');
  const { stopCluster, startedByTests } = require('./helpers/cluster.ts');
  if (startedByTests()) await stopCluster();
};
