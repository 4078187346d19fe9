// The trigger's environment: defaults, the token from a mounted file, errors naming the variable.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseTriggerConfig } from '../../../training/src/trigger/config';

const TOKEN = 'a-token-of-sufficient-length';

describe('parseTriggerConfig', () => {
  it('applies the defaults (port 8090 on loopback, local stores)', () => {
    const c = parseTriggerConfig({ MLOPS_TRIGGER_TOKEN: TOKEN });
    expect(c).toMatchObject({ PORT: 8090, HOST: '127.0.0.1', MLOPS_TRIGGER_TOKEN: TOKEN });
    expect(c.MLOPS_DATASETS_URI).toMatch(/^file:\/\/.*\.data\/datasets$/);
  });

  it('parses the watched models (model or model=dataset) and the poll interval', () => {
    const c = parseTriggerConfig({
      MLOPS_TRIGGER_TOKEN: TOKEN,
      MLOPS_WATCH_MODELS: 'shapes, detector=shapes ',
      MLOPS_DATASET_POLL_INTERVAL_MS: '5000',
    });
    expect(c.MLOPS_WATCH_MODELS).toEqual([
      { model: 'shapes', dataset: 'shapes' },
      { model: 'detector', dataset: 'shapes' },
    ]);
    expect(c.MLOPS_DATASET_POLL_INTERVAL_MS).toBe(5000);
    expect(parseTriggerConfig({ MLOPS_TRIGGER_TOKEN: TOKEN }).MLOPS_WATCH_MODELS).toEqual([]);
  });

  it('reads the token from MLOPS_TRIGGER_TOKEN_FILE, trimmed', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trigger-')), 'token');
    fs.writeFileSync(file, `${TOKEN}\n`);
    expect(parseTriggerConfig({ MLOPS_TRIGGER_TOKEN_FILE: file }).MLOPS_TRIGGER_TOKEN).toBe(TOKEN);
  });

  it.each([
    [{}, /MLOPS_TRIGGER_TOKEN: required: set MLOPS_TRIGGER_TOKEN or MLOPS_TRIGGER_TOKEN_FILE/],
    [{ MLOPS_TRIGGER_TOKEN: 'short' }, /MLOPS_TRIGGER_TOKEN: must hold a token of at least 16/],
    [{ MLOPS_TRIGGER_TOKEN: TOKEN, PORT: '70000' }, /PORT: /],
    [{ MLOPS_TRIGGER_TOKEN: TOKEN, MLOPS_TF_BACKEND: 'gpu' }, /MLOPS_TF_BACKEND: /],
    [{ MLOPS_TRIGGER_TOKEN: TOKEN, MLOPS_REGISTRY_URI: '/abs' }, /MLOPS_REGISTRY_URI: must be/],
    [{ MLOPS_TRIGGER_TOKEN: TOKEN, MLOPS_WATCH_MODELS: 'a,../b' }, /MLOPS_WATCH_MODELS: "\.\.\/b"/],
    [{ MLOPS_TRIGGER_TOKEN: TOKEN, MLOPS_DATASET_POLL_INTERVAL_MS: '-1' }, /MLOPS_DATASET_POLL/],
  ])('rejects %j naming the variable', (env, message) => {
    expect(() => parseTriggerConfig(env)).toThrow(message);
  });
});
