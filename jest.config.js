/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
  collectCoverageFrom: ["src/core/**/*.ts"],
  coverageReporters: ["text-summary", "text", "lcov"],
  coverageThreshold: {
    "./src/core/": { lines: 90 },
  },
  testTimeout: 30000,
};
