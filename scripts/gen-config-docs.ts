// `npm run docs:config`: writes docs/configuration.md (rendering in scripts/config-docs/).
import * as fs from 'node:fs';
import { CONFIG_DOC, renderConfigDocs } from './config-docs/render';

fs.writeFileSync(CONFIG_DOC, renderConfigDocs());
process.stdout.write(`wrote ${CONFIG_DOC}\n`);
