// The list of subcommands. Each file under cli/commands/ exports one `register*` function that
// adds its subcommand to the program; add yours here (one import, one list entry).
import type { Command } from 'commander';
import { registerDataset } from './dataset';
import { registerDatasetSynth } from './dataset-synth';
import { registerTrain } from './train';
import { registerRegistry } from './registry';
import { registerCluster } from './cluster';
import { registerPreviewReport } from './preview-report';
import { registerReap } from './reap';
import { registerServe } from './serve';
import { registerStack } from './stack';
import { registerToolchain } from './toolchain';

export type RegisterCommand = (program: Command) => void;

export const subcommands: RegisterCommand[] = [
  registerServe,
  registerPreviewReport,
  registerReap,
  registerStack,
  registerCluster,
  registerToolchain,
  registerRegistry,
  registerDataset,
  // After `dataset` so `synth` attaches to it.
  registerDatasetSynth,
  registerTrain,
];
