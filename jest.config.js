// Three tiers, one runner: `npm run test:unit` stays fast; integration and e2e need the
// local toolchain or real services and skip with a reason (fail under REQUIRE_E2E=1).
const swc = ['@swc/jest', { jsc: { target: 'es2022' } }];
// cookie 2 (required by fastify's light-my-request, i.e. app.inject) ships ESM only: compile it.
const transform = { '^.+\\.tsx?$': swc, '/node_modules/cookie/.+\\.js$': swc };
const common = {
  transform,
  transformIgnorePatterns: ['/node_modules/(?!cookie/)'],
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  globalTeardown: '<rootDir>/test/global-teardown.js',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
  ],
};
