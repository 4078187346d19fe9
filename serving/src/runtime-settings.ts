// Process-level memory settings of a serving replica, measured to keep one replica with the
// default model under its 512 MiB budget (BENCHMARKS.md, "Memory"): glibc malloc limited to two
// arenas (native threads otherwise each grow their own) with large buffers mapped on their own,
// and a 2 MiB V8 young-generation semi-space (short-lived garbage is per-request buffers). They must be set before
// the process starts: the Dockerfile, `npm start` and the benchmark launcher all use these values
// (a unit test keeps them in sync).
export const SERVING_RUNTIME_ENV = Object.freeze({
  MALLOC_ARENA_MAX: '2',
  // Buffers of 128 KiB and more (request bodies, decoded pixels, input tensors) are mapped and
  // unmapped on their own instead of fragmenting the heap: ~60 MiB less resident after load.
  MALLOC_MMAP_THRESHOLD_: '131072',
  MALLOC_TRIM_THRESHOLD_: '131072',
});
export const SERVING_NODE_FLAGS = Object.freeze(['--max-semi-space-size=2']);
