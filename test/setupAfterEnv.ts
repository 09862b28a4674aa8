import nock from 'nock';
import { resetPickerPagesForTests } from '../nodes/Bento/methods/pickerPages';
import { resetGatesForTests } from '../nodes/Bento/transport/gate';

// Jest runs several test files in one worker, and Node's http module is shared between them:
// nock's interception (and disableNetConnect) would outlive the file that set it up and block
// the next file's real-HTTP tests, or stack under that file's own nock.
afterAll(() => {
	nock.cleanAll();
	nock.enableNetConnect();
	nock.restore();
});

// Each test runs as a new n8n process would: the account gates and the pickers' pages (shared by
// every run in one process) start empty, and a test's refusals do not hold up the next test.
beforeEach(() => {
	resetGatesForTests();
	resetPickerPagesForTests();
});
