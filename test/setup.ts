import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core keeps its instance settings in the user folder: keep them out of the real home.
process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'bento-n8n-test-'));
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
