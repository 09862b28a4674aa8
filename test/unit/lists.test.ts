import { nameList } from '../../nodes/Bento/helpers/lists';
import { Invalid } from '../../nodes/Bento/helpers/invalid';

describe('nameList', () => {
	it('splits a typed list into names', () => {
		expect(nameList('vip, customer', 'tags')).toEqual(['vip', 'customer']);
	});

	it('refuses a comma inside quotes instead of sending half-quoted names', () => {
		// A CSV export writes `"a,b", c`: splitting it made the tags `"a` and `b"`.
		const result = nameList('"a,b", c', 'tags');
		expect(result).toBeInstanceOf(Invalid);
		expect((result as Invalid).field).toBe('tags');
		expect((result as Invalid).message).toContain('"a,b", c');
	});
});
