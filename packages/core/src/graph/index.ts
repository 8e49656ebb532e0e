export { buildGraph } from './build-graph.js';
export type { DagGraph } from './dag-graph.js';
export { buildEdgeMaps } from './edge-maps.js';
export { assertAcyclic, cycleDiagnostic } from './cycle-diagnostic.js';
export { graphMembers, type GraphMember } from './graph-members.js';
export { ancestors, descendants, childrensParents } from './traverse.js';
