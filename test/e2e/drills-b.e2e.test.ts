// Half b of the drills, on a cluster of its own (see drills-suite.ts): the halves run side by side.
import { drillsSuite } from './drills-suite.ts';

drillsSuite('b');
