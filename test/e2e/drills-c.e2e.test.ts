// The drills that need Kafka Connect, on a cluster of their own with a Connect worker (see drills-suite.ts).
import { drillsSuite } from './drills-suite.ts';

drillsSuite('c');
