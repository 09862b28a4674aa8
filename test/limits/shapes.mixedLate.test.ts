import { describeJobBesideSingles, SECONDS } from '../helpers/limitShapes';
import { useVirtualClock } from '../helpers/virtualClock';

// A long job beside single-request executions under every limiter shape of shapes.test.ts
// (from the last two seconds tried; the other seconds in the other shapes.mixed file).
const clock = useVirtualClock(Date.UTC(2026, 11, 3, 10, 0, 0));

jest.setTimeout(120_000);

describeJobBesideSingles(SECONDS.slice(2), clock.run);
