import nock from 'nock';

// Jest runs several test files in one worker, and Node's http module is shared between them:
// nock's interception (and disableNetConnect) would outlive the file that set it up and block
// the next file's real-HTTP tests, or stack under that file's own nock.
afterAll(() => {
	nock.cleanAll();
	nock.enableNetConnect();
	nock.restore();
});
