// The drills that need Kafka Connect or a Schema Registry, on a cluster of their own with a Connect worker and
// the registry (see drills-suite.ts).
import { drillsSuite } from './drills-suite.ts';

drillsSuite('c');
