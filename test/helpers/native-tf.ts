// Whether tfjs-node's native addon loads here: the reason to skip native-only tests, else undefined.
export function nativeTfMissing(): string | undefined {
  process.env.TF_CPP_MIN_LOG_LEVEL ??= '1'; // as initTf does: no libtensorflow INFO lines
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('@tensorflow/tfjs-node');
    return undefined;
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    return `tfjs-node native backend does not load (${first}); run npm run setup`;
  }
}
