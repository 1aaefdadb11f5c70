// The drills that need monitoring, on a monitored cluster of their own (see drills-suite.ts).
import { drillsSuite } from './drills-suite.ts';

drillsSuite('m');
