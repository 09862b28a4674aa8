// n8n's own lint config for community nodes, used as published.
import { config } from '@n8n/node-cli/eslint';

export default config;
