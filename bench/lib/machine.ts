// What machine a benchmark ran on, and its theoretical FP32 peak: cores x clock x FLOP per cycle.
// FLOP per cycle: 32 with AVX-512 or AVX2 and two FMA pipes of 256 bits (AMD Zen 4 runs AVX-512
// as two 256-bit halves; Intel server cores with two 512-bit FMA units reach 64), 16 otherwise.
import * as fs from 'node:fs';
import * as os from 'node:os';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly mhz: number;
  readonly flopsPerCycle: number;
  readonly peakGflopsFp32: number;
  readonly loadAverage: number;
  readonly node: string;
}

export function machine(): Machine {
  const cpus = os.cpus();
  const info = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const flags = /^flags\s*:(.*)$/m.exec(info)?.[1] ?? '';
  const amd = /AMD/i.test(cpus[0]?.model ?? '');
  const avx512 = /\bavx512f\b/.test(flags);
  const flopsPerCycle = avx512 && !amd ? 64 : /\bfma\b/.test(flags) ? 32 : 16;
  // os.cpus() reports 0 MHz on some virtual machines; /proc/cpuinfo has the nominal clock.
  const mhz = cpus[0]?.speed || Number(/^cpu MHz\s*:\s*([\d.]+)/m.exec(info)?.[1] ?? 0);
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    mhz,
    flopsPerCycle,
    peakGflopsFp32: (cpus.length * mhz * flopsPerCycle) / 1000,
    loadAverage: os.loadavg()[0]!,
    node: process.version,
  };
}
