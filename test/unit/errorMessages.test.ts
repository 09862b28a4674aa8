import { bentoErrorText, httpFailureText } from '../../nodes/Bento/transport/errorMessages';

describe('Bento error texts', () => {
	it("reads Bento's error body shapes", () => {
		expect(bentoErrorText({ error: 'Site not found' })).toBe('Site not found');
		expect(bentoErrorText({ errors: [{ field: 'events', message: 'is too long' }, 'other'] })).toBe(
			'events: is too long; other',
		);
		expect(bentoErrorText({ message: 'Slow down' })).toBe('Slow down');
		expect(bentoErrorText('<html><body>Forbidden</body></html>')).toBeUndefined();
		expect(bentoErrorText('plain words')).toBe('plain words');
		expect(bentoErrorText(undefined)).toBeUndefined();
	});

	it('explains a 403 HTML page in plain words', () => {
		const text = httpFailureText(403, '<!DOCTYPE html><html>blocked</html>');
		expect(text.message).toBe('Bento answered 403');
		expect(text.description).toMatch(/blocked.*User-Agent/);
	});

	it.each([
		[400, 'invalid'],
		[401, 'publishable key, secret key and site UUID'],
		[404, 'Base URL'],
		[422, 'rules'],
		[429, 'rate limiting'],
		[503, 'infrastructure'],
	])('says what %i means', (status, words) => {
		expect(httpFailureText(status, { error: 'x' })).toEqual({
			message: `Bento answered ${status}: x`,
			description: expect.stringContaining(words),
		});
	});
});
