// mocha's configuration. A spec here would be added to the files named on the command
// line, so `npm test -- test/x.test.ts` would still run everything: the default set
// applies only when no test file or folder is named.
const named = process.argv.slice(2).some((arg) => !arg.startsWith('-') && /(^|\/)test\/|\.(test|e2e)\.ts$/.test(arg));
const suite = process.env.MOCHA_SUITE === 'e2e'
  ? { spec: 'test/e2e/**/*.e2e.ts', timeout: 120000 }
  : { spec: 'test/**/*.test.ts', timeout: 30000 };

module.exports = {
  'node-option': ['import=tsx'],
  spec: named ? [] : [suite.spec],
  require: ['test/setup.ts'],
  timeout: suite.timeout,
  reporter: 'spec',
  exit: true,
  // A folder named on the command line runs the tests below it.
  extension: ['ts'],
  recursive: true,
};
