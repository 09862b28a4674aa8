'use strict';
// Every port an e2e suite, the queue cluster or the benchmark listens on comes through `e2ePort`,
// and every such port lies in 5600-7999 (PORT_RANGE). Without E2E_PORT_BASE a port stays as
// named. With E2E_PORT_BASE=B the whole range moves, in one piece:
//
//   p -> B + (p - 5600)        for 5600 <= p <= 7999, so the run takes B .. B + 2399
//
// One to one and in order, so two ports that differ stay different (no suite can land on
// another's port), and a range a suite owns stays a range. B must leave the defaults clear
// (B + 2399 < 5600 or B > 7999) and fit under 65536; 20000 is a good choice (below Linux's
// ephemeral ports, 32768 and up, which the stand-ins on port 0 and outgoing connections take).

const PORT_RANGE = { first: 5600, last: 7999 };
const SPAN = PORT_RANGE.last - PORT_RANGE.first + 1;

/** E2E_PORT_BASE read and checked: undefined when unset, else the base (an integer port). */
function portBase(env = process.env) {
	const text = env.E2E_PORT_BASE;
	if (text === undefined || text.trim() === '') return undefined;
	const base = Number(text);
	const clearOfDefaults = base + SPAN - 1 < PORT_RANGE.first || base > PORT_RANGE.last;
	if (!Number.isInteger(base) || base < 1024 || base + SPAN - 1 > 65535 || !clearOfDefaults)
		throw new Error(
			`E2E_PORT_BASE=${text}: give an integer B with B..B+${SPAN - 1} between 1024 and 65535 ` +
				`and clear of the default ports ${PORT_RANGE.first}-${PORT_RANGE.last} (e.g. 20000)`,
		);
	return base;
}

/**
 * The port to listen on for the port `port` a suite names (5600-7999): the same port without
 * E2E_PORT_BASE, B + (port - 5600) with it. Throws for a port outside 5600-7999 (with or without
 * a base, so that a suite that could not move fails on the first run, not on CI's).
 * @param {number} port
 * @param {NodeJS.ProcessEnv} [env] where E2E_PORT_BASE is read (process.env)
 */
function e2ePort(port, env = process.env) {
	if (!Number.isInteger(port) || port < PORT_RANGE.first || port > PORT_RANGE.last)
		throw new Error(
			`port ${port}: e2e ports are named in ${PORT_RANGE.first}-${PORT_RANGE.last} ` +
				`(E2E_PORT_BASE moves that range), see e2e/lib/ports.js`,
		);
	const base = portBase(env);
	return base === undefined ? port : base + (port - PORT_RANGE.first);
}

module.exports = { PORT_RANGE, e2ePort, portBase };
