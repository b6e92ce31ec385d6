/** Jest runs TypeScript through ts-jest's ESM preset (the @actions packages are ESM-only). */
const tsJest = {
  '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.test.json' }]
}
const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: tsJest,
  testEnvironment: 'node'
}

export default {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/__tests__/unit/**/*.test.ts'] },
    { ...shared, displayName: 'emulator', testMatch: ['<rootDir>/__tests__/emulator/**/*.test.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts'] },
    { ...shared, displayName: 'reliability', testMatch: ['<rootDir>/__tests__/reliability/**/*.test.ts'] },
    // The workflow simulator's own tests, and every documented workflow run in it (docs/development.md).
    { ...shared, displayName: 'workflows', testMatch: ['<rootDir>/__tests__/workflows/**/*.test.ts'] }
  ],
  // Most of the suite waits on sockets, timers and the steps it starts, not on its own CPU: on 2 cores four workers
  // keep both busy (npm run test:profile: 364 s with four, 580 s with two, same load; CONTRIBUTING.md).
  maxWorkers: 4,
  testTimeout: 60000,
  verbose: false
}
