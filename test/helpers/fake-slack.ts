/**
 * The tests' fake Slack is the local workspace's emulator (one emulator, not two): this
 * file only keeps the old import path and names working for the tests written before it
 * moved to src/adapters/local-slack/slack-emulator.ts.
 */
export {
  type FakeEphemeral,
  type FakeFile,
  type FakeMessage,
  type FakeResponse,
  type FakeSlackOptions,
  type RecordedCall,
  SlackEmulator as FakeSlack,
} from '../../src/local/slack-emulator/slack-emulator.js';
