// Environment defaults for libtensorflow, kept apart from backend.ts so that a process's main
// thread can apply them without loading TensorFlow.js.

/**
 * The environment libtensorflow reads when it loads. It reads the process's real environment:
 * a worker thread's `process.env` is a copy, so a process that loads TensorFlow on worker threads
 * calls this on its main thread before starting them.
 */
export function applyNativeTfDefaults(): void {
  // libtensorflow logs oneDNN/CPU-feature INFO lines when it loads; warnings and errors stay.
  process.env.TF_CPP_MIN_LOG_LEVEL ??= '1';
  // TensorFlow 2.9 turns its oneDNN kernels on by itself only on CPUs with AVX-512 VNNI/BF16 or
  // AMX; on AVX2-only CPUs it falls back to Eigen kernels, measured 1.2-1.5x slower for the
  // default model on a Zen 3 (BENCHMARKS.md). On unless the operator decides otherwise.
  process.env.TF_ENABLE_ONEDNN_OPTS ??= '1';
}
