import type { NodeOfType } from '../graph-schema';
import { branch, type NodeHandler } from '../executor/node-outcome';

export const startNode: NodeHandler<NodeOfType<'start'>> = {
  enter: () => branch('next'),
};
