'use strict';
// Every port the e2e suites listen on comes through `e2ePort`: without E2E_PORT_BASE a suite keeps
// the port it names (5600-5899 and 6000-6999 today); with E2E_PORT_BASE=B every suite moves into
// B..B+719, so a whole run can sit on a range nobody else uses (e.g. E2E_PORT_BASE=8000).
//   5600-5899 -> B + (p - 5600)                      (scenarios, editor, official, queue: B..B+299)
//   6000-6999 -> B + 300 + hundreds * 40 + (p % 100)  (one suite per hundred, p % 100 below 40)

/** The port a suite named `port` listens on under E2E_PORT_BASE (the same port without it). */
function e2ePort(port) {
	const base = process.env.E2E_PORT_BASE;
	if (base === undefined || base === '') return port;
	const b = Number(base);
	if (port >= 5600 && port < 5900) return b + (port - 5600);
	const rest = port % 100;
	if (port >= 6000 && port < 7000 && rest < 40)
		return b + 300 + Math.floor((port - 6000) / 100) * 40 + rest;
	throw new Error(
		`port ${port} has no place under E2E_PORT_BASE (5600-5899, or 6000-6999 below xx40)`,
	);
}

module.exports = { e2ePort };
