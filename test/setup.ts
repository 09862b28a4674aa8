import { mkdtempSync } from '@n8n-nodes-bentonow/dev-host/fs';
import { tmpdir } from '@n8n-nodes-bentonow/dev-host/os';
import { join } from '@n8n-nodes-bentonow/dev-host/path';
import { process } from '@n8n-nodes-bentonow/dev-host/runtime';

// n8n-core keeps its instance settings in the user folder: keep them out of the real home.
process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'bento-n8n-test-'));
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
