// The reliability suite (`npm run test:reliability`): bounded load, soak, hostile-input, hot-swap,
// shutdown, crash-injection and fuzz tests against the real serving process. Minutes long, so it
// is its own run (CI runs it after `npm test`), not part of the default projects.
const base = require('./jest.config.js');
const { globalTeardown: _teardown, projects } = base;
const common = { ...projects[0] };
delete common.displayName;
delete common.testMatch;

module.exports = {
  ...common,
  displayName: 'reliability',
  testMatch: [
    '<rootDir>/test/reliability/**/*.test.ts',
    // Registry crash injection (from the registry tier) belongs to this suite too.
    '<rootDir>/test/integration/registry/crash-*.test.ts',
  ],
};
