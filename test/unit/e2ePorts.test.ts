// The e2e suites' ports under E2E_PORT_BASE (e2e/lib/ports.js): every port a suite may name
// moves, and no two land on one port.
import { e2ePort, PORT_RANGE, portBase } from '../../e2e/lib/ports';

const named = Array.from(
	{ length: PORT_RANGE.last - PORT_RANGE.first + 1 },
	(_, i) => PORT_RANGE.first + i,
);

describe('e2ePort', () => {
	test('names 5600-7999: the ports of every suite, queue mode and the benchmark', () => {
		expect(PORT_RANGE).toEqual({ first: 5600, last: 7999 });
	});

	test('without E2E_PORT_BASE (unset or empty) a port stays as named', () => {
		for (const env of [{}, { E2E_PORT_BASE: '' }])
			expect(named.map((port) => e2ePort(port, env))).toEqual(named);
	});

	test.each([1024, 8000, 20000, 30000, 63136])(
		'E2E_PORT_BASE=%i: every port of 5600-7999 gets its own port in B..B+2399',
		(base) => {
			const env = { E2E_PORT_BASE: String(base) };
			const moved = named.map((port) => e2ePort(port, env));
			expect(new Set(moved).size).toBe(named.length);
			expect(Math.min(...moved)).toBe(base);
			expect(Math.max(...moved)).toBe(base + 2399);
			// Clear of every default port, so a run under a base meets nobody's default run.
			expect(moved.filter((port) => port >= 5600 && port <= 7999)).toEqual([]);
		},
	);

	test('the ranges other suites use move with the rest: 7000-7999 too', () => {
		const env = { E2E_PORT_BASE: '20000' };
		expect(e2ePort(5600, env)).toBe(20000);
		expect(e2ePort(5801, env)).toBe(20201); // queue mode's main
		expect(e2ePort(6401, env)).toBe(20801);
		expect(e2ePort(7081, env)).toBe(21481); // burst, which once had no place
		expect(e2ePort(7210, env)).toBe(21610); // input
		expect(e2ePort(7351, env)).toBe(21751); // fit's broker
		expect(e2ePort(7999, env)).toBe(22399);
	});

	test.each([5599, 8000, 4010, 7081.5, NaN])(
		'port %p is refused, with or without a base',
		(port) => {
			expect(() => e2ePort(port, {})).toThrow(/5600-7999/);
			expect(() => e2ePort(port, { E2E_PORT_BASE: '20000' })).toThrow(/5600-7999/);
		},
	);

	test.each(['abc', '20000.5', '80', '4000', '6000', '7999', '63137', '-20000'])(
		'E2E_PORT_BASE=%s is refused: not a port, over 65535, or on the default ports',
		(base) => {
			expect(() => portBase({ E2E_PORT_BASE: base })).toThrow(/E2E_PORT_BASE/);
			expect(() => e2ePort(6000, { E2E_PORT_BASE: base })).toThrow(/E2E_PORT_BASE/);
		},
	);

	test('the last base below the defaults and the first above them are taken', () => {
		expect(portBase({ E2E_PORT_BASE: '3200' })).toBe(3200);
		expect(portBase({ E2E_PORT_BASE: '8000' })).toBe(8000);
	});
});
